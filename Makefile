# A thin wrapper over CMake. The Quick start is `make run` then `make test`.
BUILD      ?= build
BUILD_ASAN ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps configure build run test test-asan bench mutation-full clean

all: build

deps:
	@.ci/install-deps

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)

configure: $(BUILD)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

# Lints the bundled demo extension. Exit 1 means findings, which the demo is seeded with; any
# other status (2: a file that does not parse, 3: an internal error) fails the target.
run: build
	@echo "== pyrefcheck lint testdata/demo/"
	@$(BUILD)/pyrefcheck lint testdata/demo/; status=$$?; \
	  if [ $$status -ne 1 ]; then echo "expected exit 1 (findings), got $$status"; exit 1; fi

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(BUILD_ASAN)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DPYREFCHECK_SANITIZE=ON $(CMAKE_ARGS)

test-asan: deps $(BUILD_ASAN)/CMakeCache.txt
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# Allocator and GC benchmarks of the runtime against glibc and CPython 3.11 (docs/benchmarks.md).
bench: build
	cmake --build $(BUILD) --target bench

# Mutation testing on every clean function of testdata/ (the suite runs a tenth of it): oracle and
# analyzer on each mutant, recall per mutation kind (docs/testing.md, "Mutation testing").
mutation-full: build
	cmake --build $(BUILD) --target mutation-full

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
