#include "model/case_names.h"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

CaseData NamedCase() {
  CaseData c;
  for (const char* id : {"P1", "P2"}) {
    Person p;
    p.id = id;
    p.name = p.id == "P1" ? "Abu Mohammed al-Adnani" : "";
    c.persons.push_back(p);
  }
  auto account = [&](std::string id, std::string handle, std::string display) {
    Account a;
    a.id = std::move(id);
    a.handle = std::move(handle);
    a.display_name = std::move(display);
    c.accounts.push_back(std::move(a));
  };
  account("A1", "abu_m", "Abu M");
  account("A2", "", "Camille Durand");
  account("A3", "cdurand", "DURAND, Camille");
  account("A4", "camille.d", "Camille Durand");
  account("A5", "nobody9", "");
  account("A6", "", "");
  return c;
}

TEST(CaseNames, PersonNameComesFirst) {
  const CaseData c = NamedCase();
  const CaseNames names(c);
  const std::vector<std::string> persons{"P1"}, accounts{"A1"};
  EXPECT_EQ(names.Of(persons, accounts), "Abu Mohammed al-Adnani");
  EXPECT_EQ(names.Of("P1"), "Abu Mohammed al-Adnani");
}

TEST(CaseNames, UnnamedPersonFallsBackToItsAccounts) {
  const CaseData c = NamedCase();
  const CaseNames names(c);
  const std::vector<std::string> persons{"P2", "P404"}, accounts{"A1"};
  EXPECT_EQ(names.Of(persons, accounts), "Abu M");
}

TEST(CaseNames, MostSharedDisplayNameWins) {
  const CaseData c = NamedCase();
  const CaseNames names(c);
  // A3's subscriber-style name is first, but two accounts agree on the other.
  const std::vector<std::string> accounts{"A3", "A2", "A4"};
  EXPECT_EQ(names.Of({}, accounts), "Camille Durand");
  const std::vector<std::string> tie{"A3", "A1"};
  EXPECT_EQ(names.Of({}, tie), "DURAND, Camille");
}

TEST(CaseNames, HandleWhenNoDisplayNameAndEmptyWhenNothing) {
  const CaseData c = NamedCase();
  const CaseNames names(c);
  const std::vector<std::string> handle_only{"A6", "A5"}, nothing{"A6", "+33612345678"};
  EXPECT_EQ(names.Of({}, handle_only), "@nobody9");
  EXPECT_EQ(names.Of({}, nothing), "");
  EXPECT_EQ(names.Of("unknown"), "");
}

}  // namespace
}  // namespace linchpin
