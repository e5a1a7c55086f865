// The covert network and its story, modelled on public reporting about remote-controlled
// ("cyber-planned") attacks — e.g. Callimachi, "Not 'Lone Wolves' After All", NYT 4 Feb 2017;
// Gartenstein-Ross & Blackman, "ISIL's Virtual Planners", War on the Rocks 2017; Nesser,
// Stenersen & Oftedal, Perspectives on Terrorism 10(6), 2016:
//  - an external-operations chief, theater commanders by language region, virtual planners under
//    them, each grooming recruits in several countries at once;
//  - recruitment that starts on the public platform (posts, replies, a "contact me" mention) and
//    moves to an encrypted app; contact that intensifies toward the incident, down to minutes
//    before; introductions of two recruits shortly before a joint attack; a pledge video sent
//    before and rebroadcast from a planner-run channel after; a planner posting from a dead
//    attacker's account; planners killed and their recruits reassigned; suspended public
//    accounts re-registered; burner phones; foiled plots; genuinely lone actors.
// Decoys are built here too, because what makes them hard is their contact with the network:
// journalists and researchers who follow and message extremists openly, a preacher with a large
// following whom recruits also talk to, sympathizers who repost, and attackers' families and old
// friends, who talk to them more than anyone.
//
// Every covert account and tie is made with WorldBuilder's helpers, like the background's.
#pragma once

#include "simulate/population.h"

namespace linchpin::simulate {

// Adds the covert network, decoys and incidents to a world with a background population.
void BuildCovertNetwork(const SimulationConfig& config, WorldBuilder& builder, World& world);

// Marks who has a case-file record (persons.csv), which account owners the file knows, statuses,
// and the relations a case file holds. Runs after the covert network is built.
void BuildCaseFile(const SimulationConfig& config, WorldBuilder& builder, World& world);

}  // namespace linchpin::simulate
