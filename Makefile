# Linchpin — the two commands: `make demo` and `make test`. Both install missing Debian packages
# (as root; otherwise they print the apt-get line), configure, build and run.
BUILD      ?= build
JOBS       ?= $(shell nproc)
CMAKE_GEN  := -G Ninja
FUZZ_SECS  ?= 10

.PHONY: all build test demo deps-build deps-test deps-bench asan fuzz bench clean

all: build

deps-build: ; @scripts/install-deps.sh build
deps-test:  ; @scripts/install-deps.sh test
deps-bench: ; @scripts/install-deps.sh bench

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release

build: deps-build $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: deps-test $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure --timeout 600
	$(MAKE) --no-print-directory fuzz

# Short, bounded libFuzzer runs of every parser (clang from Debian).
fuzz: deps-test
	CXX=clang++ cmake -S . -B build-fuzz $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLINCHPIN_FUZZ=ON -DLINCHPIN_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS)
	scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECS)

# The whole suite under AddressSanitizer and UBSan.
asan: deps-test
	cmake -S . -B build-asan $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DLINCHPIN_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	ctest --test-dir build-asan -j $(JOBS) --output-on-failure --timeout 1200

bench: deps-bench
	cmake -S . -B build-bench $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DLINCHPIN_BENCH=ON -DLINCHPIN_TESTS=OFF
	cmake --build build-bench -j $(JOBS)
	bench/run-all.sh build-bench

demo: build
	scripts/demo.sh $(BUILD)/src/cli/linchpin

clean:
	rm -rf $(BUILD) build-fuzz build-asan build-bench
