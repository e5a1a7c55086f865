// Resolved entities as the graph engine's entity map (graph/temporal_graph.h), so that
// `analyze` and `attribute` count a user's phone, app and public accounts as one vertex.
//
// Every endpoint of a resolved entity with more than one record, or with a person in it,
// becomes part of one entity of kind kCluster named as the resolution names it (the smallest
// person id, else the smallest account id); EntityInfo::person is set when it holds a person.
// A lone account stays itself (kind account or phone, named by its endpoint key), as do the
// endpoints that are no account's (channels, phones nobody registered).
#pragma once

#include "graph/temporal_graph.h"
#include "model/case.h"
#include "resolve/linking/resolve.h"

namespace linchpin::resolve {

graph::EntityMap ToEntityMap(const CaseData& c, const Resolution& r);

}  // namespace linchpin::resolve
