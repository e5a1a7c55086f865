// PrefetchSource: runs a RecordSource on a background thread and hands its rows out in batches,
// so that scanning and UTF-8 validation (the reader's work) overlap with converting rows and
// writing segments (the ingest thread's work) — two cores instead of one on a large file.
//
// It is itself a RecordSource with the same contract: rows, bad rows and the end arrive in the
// file's order; a row's views stay valid until the next Next(); JSON Lines columns are those in
// force when the row was read. Destroying it early (a fail-mode error) stops the reader thread.
#pragma once

#include <functional>
#include <memory>

#include "ingest/record_source.h"

namespace linchpin {

// `prepare`, when given, runs on the reader thread for every good row and its result reaches
// the consumer as Row::scalars. It must be safe to call from that thread and only valid for a
// source whose columns are fixed from the start (CSV; not JSON Lines, whose columns grow).
using RowPreparer = std::function<RowScalars(const Row&)>;
std::unique_ptr<RecordSource> Prefetch(std::unique_ptr<RecordSource> inner, RowPreparer prepare = {});

}  // namespace linchpin
