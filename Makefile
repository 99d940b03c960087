# airlock — set-up and test entry points. See README.md.
#   make demo   install what is missing, build, run the main job on SQLite
#   make test   install what is missing, build, start real servers, run every test
#   make build  build build/airlock
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps build demo test test-fast bench fuzz format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/airlock

test: build
	@scripts/run-tests.sh $(BUILD)

# Without server tests (no MariaDB/PostgreSQL needed).
test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE 'mysql|postgres|slow'

bench: build
	@scripts/bench.sh $(BUILD)

fuzz:
	@scripts/fuzz.sh $(or $(SECONDS),600)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) build-fuzz
