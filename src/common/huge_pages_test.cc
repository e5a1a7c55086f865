#include "common/huge_pages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace linchpin {
namespace {

// HugeVector skips value-initialisation because its buffers start zeroed: a resize from empty
// must still read as zeros, at the mapped sizes and below them.
TEST(HugeVector, FreshStorageReadsAsZeroAtEverySize) {
  for (size_t n : {size_t{10}, size_t{200'000}, size_t{3'000'000}}) {
    HugeVector<uint32_t> v;
    v.resize(n);
    EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](uint32_t x) { return x == 0; })) << n;
  }
}

TEST(HugeVector, LargeBuffersAre2MiBAlignedAndKeepTheirContentsAcrossGrowth) {
  HugeVector<uint64_t> v;
  for (uint64_t i = 0; i < 1'000'000; ++i) v.push_back(i * 3);  // crosses the 1 MiB threshold
  EXPECT_EQ(reinterpret_cast<uintptr_t>(v.data()) % (uintptr_t{2} << 20), 0u);
  for (uint64_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], i * 3);
  v.assign(5'000'000, 7);  // a value is still written
  EXPECT_EQ(std::count(v.begin(), v.end(), uint64_t{7}), 5'000'000);
  v = HugeVector<uint64_t>();  // gives the mapping back
  EXPECT_EQ(v.capacity(), 0u);
}

TEST(HugeVector, PlainVectorsResizeHugeLikeResize) {
  std::vector<uint16_t> v(3, 9);
  ResizeHuge(v, 4'000'000);
  EXPECT_EQ(v[0], 9);
  EXPECT_EQ(v[2], 9);
  EXPECT_EQ(std::accumulate(v.begin() + 3, v.end(), uint64_t{0}), 0u);
  AssignHuge(v, 10, uint16_t{4});
  EXPECT_EQ(v, std::vector<uint16_t>(10, 4));
}

// PopulatePages maps the pages in (where the kernel can) and leaves them zero, as a first
// write would find them.
TEST(HugeVector, PopulatedPagesAreResidentAndZero) {
  const size_t bytes = size_t{4} << 20;
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> resident(bytes / page);
  ASSERT_EQ(::mincore(p, bytes, resident.data()), 0);
  EXPECT_EQ(std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; }), 0);
  if (PopulatePages(p, bytes)) {
    ASSERT_EQ(::mincore(p, bytes, resident.data()), 0);
    EXPECT_EQ(std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; }),
              static_cast<long>(resident.size()));
  }
  const auto* bytes_at = static_cast<const unsigned char*>(p);
  EXPECT_TRUE(std::all_of(bytes_at, bytes_at + bytes, [](unsigned char b) { return b == 0; }));
  EXPECT_FALSE(PopulatePages(p, page));  // too few pages to bother
  ::munmap(p, bytes);
}

// A spent buffer's pages go into the reserve while a ScopedHugePageReuse is alive; the next
// buffers are carved from them, each zeroed as a fresh one is, and the rest is unmapped with the
// reserve. Small buffers and buffers that do not fit come from the system as before.
TEST(HugeVector, ReusedPagesComeBackZeroedAndInPlace) {
  HugePageReserve reserve;
  const char* old_data = nullptr;
  {
    HugeVector<uint64_t> spent(1'500'000, 0);  // 12 MB: a 12 MiB mapping
    std::iota(spent.begin(), spent.end(), uint64_t{1});
    old_data = reinterpret_cast<const char*>(spent.data());
    ScopedHugePageReuse keep(reserve);
    spent = HugeVector<uint64_t>();
  }
  EXPECT_EQ(reserve.bytes(), size_t{12} << 20);
  {
    ScopedHugePageReuse reuse(reserve);
    HugeVector<uint32_t> a, b, c, small;
    a.resize(1'000'000);  // 4 MB: the first 4 MiB
    b.resize(1'300'000);  // 5.2 MB: the next 6 MiB
    c.resize(1'000'000);  // no room left: mapped fresh
    small.resize(1000);
    EXPECT_EQ(reinterpret_cast<const char*>(a.data()), old_data);
    EXPECT_EQ(reinterpret_cast<const char*>(b.data()), old_data + (size_t{4} << 20));
    EXPECT_NE(reinterpret_cast<const char*>(c.data()), old_data + (size_t{10} << 20));
    EXPECT_EQ(reserve.bytes(), size_t{2} << 20);
    for (const auto* v : {&a, &b, &c, &small}) {
      EXPECT_TRUE(std::all_of(v->begin(), v->end(), [](uint32_t x) { return x == 0; }));
    }
    // Freed inside the scope, they come back to the reserve.
    a = HugeVector<uint32_t>();
    EXPECT_EQ(reserve.bytes(), size_t{6} << 20);
  }
  reserve.Release();
  EXPECT_EQ(reserve.bytes(), 0u);
  // Outside any scope, buffers are mapped and unmapped as before.
  HugeVector<uint32_t> after(1'000'000);
  EXPECT_TRUE(std::all_of(after.begin(), after.end(), [](uint32_t x) { return x == 0; }));
}

}  // namespace
}  // namespace linchpin
