// FollowTheMoney entity JSON Lines onto the case model: the open format that investigative
// tools (Aleph, OpenSanctions, ftm) exchange. Mapped schemas:
//   Person -> persons   UserAccount -> accounts   Phone -> a phone endpoint (E.164)
//   Call -> call events  Message -> message events (one per recipient)
//   Event -> incidents (involved = perpetrators)   Associate, Family -> relations
// Other schemas are counted and ignored. Two streaming passes: the first learns which entity
// ids are phones and accounts (so a Call's caller id becomes a phone number), the second writes.
#pragma once

#include <string>

#include "common/status.h"
#include "ingest/content_hash.h"
#include "ingest/ingest.h"
#include "store/case_writer.h"

namespace linchpin {

// `hasher` receives the file's bytes (the first pass reads them all).
Status IngestFtm(CaseWriter& writer, const std::string& path, const IngestOptions& options,
                 ContentHasher& hasher, FileReport& report);

}  // namespace linchpin
