// Large arrays on transparent huge pages, where the kernel offers them and the user asks.
//
// Why: building a graph first-touches fresh memory — about 140 bytes per event for a 1M-event
// case — and at 4 KiB a page that is ~35k page faults, each a trap, a zeroed page and a cgroup
// charge: 0.05-0.08 of the 0.17 CPU s the load took (bench/graph/RESULTS.md). Advising
// MADV_HUGEPAGE before the first touch lets each fault map 2 MiB instead (9k faults, 0.02 s).
// Why opt-in (LINCHPIN_HUGE_PAGES=1 in the environment): on a virtual machine that reports free
// memory to its host (virtio-balloon free page reporting, as on the bench machine), freed 2 MiB
// blocks go back to the host and the next huge fault re-faults 512 host pages: half the runs
// then took 0.2-0.4 s instead of 0.13 s, worse on average than 4 KiB pages. On bare metal, or
// a VM without it, turn it on.
//
// Two ways in: HugeVector<T> (a std::vector whose large buffers are 2 MiB-aligned mappings, so every
// page of them can be huge, and which does not zero what the kernel already zeroed) for arrays a
// module owns, and ResizeHuge / AssignHuge for a plain std::vector (only its 2 MiB-aligned
// interior can be huge: a 4 MiB array gets one of two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace linchpin {

// Whether LINCHPIN_HUGE_PAGES=1 was set when first asked.
inline bool HugePagesWanted() {
  static const bool wanted = [] {
    const char* v = std::getenv("LINCHPIN_HUGE_PAGES");
    return v != nullptr && v[0] == '1';
  }();
  return wanted;
}

// Maps in the pages that lie wholly inside [p, p + bytes), before the first write to them, when
// there are at least 16 of them: one madvise(MADV_POPULATE_WRITE) call (Linux 5.14) costs less than
// a page fault per 4 KiB — on the bench VM 1.08 us a page against 1.46 (a 128 MiB buffer, both
// ways, three runs), and the graph's load first-touches ~32k pages at 1M edges. Only for
// memory about to be written whole (the pages count as resident at once). Advice: an older
// kernel refuses it (EINVAL) and the pages fault in as before. True when the pages were mapped.
inline bool PopulatePages(const void* p, size_t bytes) {
#if defined(__linux__)
#if !defined(MADV_POPULATE_WRITE)
  constexpr int MADV_POPULATE_WRITE = 23;
#endif
  static const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  if (bytes < 16 * page) return false;
  const uintptr_t b = (reinterpret_cast<uintptr_t>(p) + page - 1) & ~(page - 1);
  const uintptr_t e = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(page - 1);
  return b < e && ::madvise(reinterpret_cast<void*>(b), e - b, MADV_POPULATE_WRITE) == 0;
#else
  (void)p;
  (void)bytes;
  return false;
#endif
}

// Advises huge pages for the 2 MiB-aligned part of [p, p + bytes), if it has any.
inline void AdviseHugePages(const void* p, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  const uintptr_t b = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t e = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHuge - 1);
  // Advice: a failure is harmless (the pages stay small).
  if (b < e && HugePagesWanted()) ::madvise(reinterpret_cast<void*>(b), e - b, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

// Mapped pages kept for later buffers: a spent buffer's pages handed to the next ones instead of
// unmapped and fresh ones mapped in. Why: mapping in a fresh page costs ~1.1 us on the bench VM
// (PopulatePages) and unmapping one ~0.3 us, while zeroing a page the process already holds costs
// ~0.1 us. The ranges are 2 MiB-aligned multiples of 2 MiB (what HugePageAllocator maps), so each
// buffer carved from one is unmapped on its own later. Whatever is left is unmapped when the
// reserve goes. Not thread-safe: one thread fills and spends it (ScopedHugePageReuse).
class HugePageReserve {
 public:
  HugePageReserve() = default;
  HugePageReserve(const HugePageReserve&) = delete;
  HugePageReserve& operator=(const HugePageReserve&) = delete;
  HugePageReserve(HugePageReserve&& o) noexcept : ranges_(std::move(o.ranges_)) { o.ranges_.clear(); }
  HugePageReserve& operator=(HugePageReserve&& o) noexcept {
    if (this != &o) {
      Release();
      ranges_ = std::move(o.ranges_);
      o.ranges_.clear();
    }
    return *this;
  }
  ~HugePageReserve() { Release(); }

  size_t bytes() const {
    size_t b = 0;
    for (const Range& r : ranges_) b += r.len;
    return b;
  }
  // Takes in a mapped range [p, p + len) that nobody uses any more.
  void Give(void* p, size_t len) { ranges_.push_back({static_cast<char*>(p), len}); }
  // The start of `len` bytes of the reserve, or nullptr when no range has room. Not zeroed.
  void* Take(size_t len) {
    for (Range& r : ranges_) {
      if (r.len < len) continue;
      char* p = r.p;
      r.p += len;
      r.len -= len;
      return p;
    }
    return nullptr;
  }
  void Release() {
#if defined(__linux__)
    for (const Range& r : ranges_) {
      if (r.len > 0) ::munmap(r.p, r.len);
    }
#endif
    ranges_.clear();
  }

 private:
  struct Range {
    char* p;
    size_t len;
  };
  std::vector<Range> ranges_;
};

namespace huge_pages_detail {
inline thread_local HugePageReserve* reuse = nullptr;  // set by ScopedHugePageReuse
}  // namespace huge_pages_detail

// While one is alive, mapped HugeVector buffers freed on this thread go into `reserve` instead of
// being unmapped, and mapped buffers allocated on this thread come out of it (zeroed, as fresh
// ones are) while it has room. Nests: the inner scope wins until it ends.
class ScopedHugePageReuse {
 public:
  explicit ScopedHugePageReuse(HugePageReserve& reserve) : previous_(huge_pages_detail::reuse) {
    huge_pages_detail::reuse = &reserve;
  }
  ~ScopedHugePageReuse() { huge_pages_detail::reuse = previous_; }
  ScopedHugePageReuse(const ScopedHugePageReuse&) = delete;
  ScopedHugePageReuse& operator=(const ScopedHugePageReuse&) = delete;

 private:
  HugePageReserve* previous_;
};

// An allocator that maps buffers of 1 MiB and more on their own 2 MiB-aligned anonymous mapping,
// advised onto huge pages when wanted, its pages mapped in at once (PopulatePages: HugeVector is
// for arrays sized once, not grown by push_back, whose spare capacity would count as resident),
// and returns them to the system when freed; smaller ones come from
// operator new, zeroed. The rounding up costs at most 2 MiB of address space per buffer (and of
// memory, where the last huge page is touched).
// Every buffer starts zeroed (the kernel zeroes fresh pages), so resize() does not zero again:
// new elements of a trivial type are left as the memory holds them — zero in a fresh buffer, but
// the old values after shrinking and growing within capacity (the graph never does that).
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= kMapped) {
      const size_t len = RoundUp(bytes);
      if (HugePageReserve* r = huge_pages_detail::reuse) {
        if (void* p = r->Take(len)) {
          // The pages past `bytes` go back, as a fresh mapping would not have them resident.
          static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
          const size_t used = (bytes + page - 1) & ~(page - 1);
          if (used < len) ::madvise(static_cast<char*>(p) + used, len - used, MADV_DONTNEED);
          std::memset(p, 0, bytes);
          return static_cast<T*>(p);
        }
      }
      // Map 2 MiB more than needed and trim both ends to the aligned part.
      void* raw = ::mmap(nullptr, len + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (raw == MAP_FAILED) throw std::bad_alloc();
      const uintptr_t r = reinterpret_cast<uintptr_t>(raw);
      const uintptr_t b = (r + kHuge - 1) & ~(kHuge - 1);
      if (b > r) ::munmap(raw, b - r);
      if (r + kHuge > b) ::munmap(reinterpret_cast<void*>(b + len), r + kHuge - b);
      if (HugePagesWanted()) ::madvise(reinterpret_cast<void*>(b), len, MADV_HUGEPAGE);  // advice only
      PopulatePages(reinterpret_cast<void*>(b), bytes);
      return reinterpret_cast<T*>(b);
    }
#endif
    void* p = ::operator new(bytes, std::align_val_t{alignof(T)});
    std::memset(p, 0, bytes);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) noexcept {
    const size_t bytes = n * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= kMapped) {
      if (HugePageReserve* r = huge_pages_detail::reuse) {
        r->Give(p, RoundUp(bytes));
      } else {
        ::munmap(p, RoundUp(bytes));
      }
      return;
    }
#endif
    ::operator delete(p, std::align_val_t{alignof(T)});
  }
  // Value-initialisation of a trivial type would write zeros over zeros (and on huge pages that
  // is a second pass over every byte): default-initialise instead.
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    if constexpr (std::is_trivially_default_constructible_v<U>) {
      ::new (static_cast<void*>(p)) U;
    } else {
      ::new (static_cast<void*>(p)) U();
    }
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }

 private:
  static constexpr size_t kHuge = size_t{2} << 20;
  static constexpr size_t kMapped = size_t{1} << 20;
  static size_t RoundUp(size_t bytes) { return (bytes + kHuge - 1) & ~(kHuge - 1); }
};

template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

// v.resize(n), with the new storage advised onto huge pages and its pages mapped in (one call,
// PopulatePages) before it is zeroed.
template <class T, class A>
void ResizeHuge(std::vector<T, A>& v, size_t n) {
  if (n > v.capacity()) {
    v.reserve(n);
    AdviseHugePages(v.data(), v.capacity() * sizeof(T));
    PopulatePages(v.data() + v.size(), (n - v.size()) * sizeof(T));
  }
  v.resize(n);
}

// v.assign(n, value), likewise.
template <class T, class A>
void AssignHuge(std::vector<T, A>& v, size_t n, const T& value) {
  if (n > v.capacity()) {
    std::vector<T, A>().swap(v);  // let go of the old storage before taking the new
    v.reserve(n);
    AdviseHugePages(v.data(), v.capacity() * sizeof(T));
    PopulatePages(v.data(), n * sizeof(T));
  }
  v.assign(n, value);
}

}  // namespace linchpin
