# Derap KSD portal. `make run` and `make test` do everything on a fresh machine.

GO      ?= go
BIN     := bin/derap
# SQLite's full-text search (FTS5) is compiled into the driver only with this build tag;
# every go command here passes it (the portal refuses to migrate without it).
TAGS    := sqlite_fts5
# SQLite's query planner stability guarantee, on by default: a statement's plan no longer
# depends on the values bound to it, so the driver's statement cache is used. Without it,
# nearly every query was parsed and planned again on each run (the driver clears a cached
# statement's bindings, which expires any plan that looked at them): 15 % of a list's
# cost (README, Performance). The portal logs a warning when built without it.
CGO_CFLAGS ?= -O2 -g
ifeq ($(findstring -DSQLITE_ENABLE_QPSG,$(CGO_CFLAGS)),)
CGO_CFLAGS += -DSQLITE_ENABLE_QPSG
endif
export CGO_CFLAGS
GOFILES := $(shell git ls-files '*.go' 2>/dev/null | grep -v '_templ\.go$$')

.PHONY: build run test test-postgres e2e generate fmt lint check clean bench bench-check

build: ## build the portal into bin/derap
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/derap

run: build ## build and serve the portal with the demo programme
	./$(BIN) serve --demo

test: ## every test with the race detector, on SQLite; on PostgreSQL too when DERAP_TEST_POSTGRES names a server
	$(GO) test -tags $(TAGS) -race -count=1 ./...
	@if [ -n "$$DERAP_TEST_POSTGRES" ]; then \
		echo "== the models, handlers, notifications and command tests again, on PostgreSQL"; \
		DERAP_TEST_ENGINE=postgres $(GO) test -tags $(TAGS) -race -count=1 ./models/... ./handlers/... ./internal/notify/... ./cmd/...; \
	else \
		echo "PostgreSQL: skipped (DERAP_TEST_POSTGRES is not set; make test-postgres starts a throwaway server)"; \
	fi

test-postgres: ## make test with a throwaway PostgreSQL cluster it starts and stops (Debian's postgresql)
	@eval "$$(.ci/postgres)" && trap '.ci/postgres stop "$$DERAP_TEST_POSTGRES_DIR"' EXIT && $(MAKE) test

e2e: ## the browser journeys in Debian's Chromium (apt-get install -y chromium), with axe-core
	$(GO) test -tags e2e,$(TAGS) -count=1 -timeout 20m ./e2e/

generate: ## regenerate the templ components' Go code and the static files' gzipped copies
	$(GO) tool templ generate
	$(GO) generate ./static

fmt: ## format Go and templ sources
	gofmt -w $(GOFILES)
	$(GO) tool templ fmt .

lint: ## go vet, staticcheck, and the gofmt and templ fmt checks
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet -tags e2e,$(TAGS) ./e2e/
	$(GO) tool staticcheck -tags $(TAGS) ./...
	$(GO) tool staticcheck -tags e2e,$(TAGS) ./e2e/
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@fail=0; for f in $$(git ls-files '*.templ'); do \
		$(GO) tool templ fmt -stdout "$$f" 2>/dev/null | cmp -s - "$$f" || { echo "templ fmt would change $$f"; fail=1; }; \
	done; exit $$fail

# Tracked files may not exceed 1 MiB, so that build outputs (test binaries, profiles) cannot
# creep back into git; the two large files the project does keep are named here.
LARGE_ALLOWED := e2e/axe/axe.min.js models/passwords/common.txt

check: ## generated files current, go.mod tidy, no large tracked files
	@big=$$(git ls-files -z | xargs -0 stat -c '%s %n' | awk '$$1 > 1048576 {print $$2}' \
		| grep -vxF $(foreach f,$(LARGE_ALLOWED),-e $(f))); \
	if [ -n "$$big" ]; then echo "tracked files over 1 MiB (build outputs? git rm --cached them):"; echo "$$big"; exit 1; fi
	$(GO) tool templ generate
	$(GO) generate ./static
	$(GO) mod tidy
	@changed=$$(git status --porcelain -- '*_templ.go' 'static/*.gz' go.mod go.sum); \
	if [ -n "$$changed" ]; then echo "stale generated files or untidy go.mod (run make generate, go mod tidy, commit):"; echo "$$changed"; exit 1; fi

# make bench runs all three; BENCH=sqlite (or postgres, or sizes) runs one of them
BENCH ?= sqlite postgres sizes
BENCH_FILES = $(foreach b,$(BENCH),bench-results/$(b).json)

bench: build ## the benchmark: the load on SQLite and on a throwaway PostgreSQL (cached, cold, churn, write mix), then cold renders at three database sizes (about an hour)
	@status=0; for b in $(BENCH); do \
		case $$b in \
		sizes) $(GO) run -tags $(TAGS) ./cmd/bench -bin $(BIN) -sizes default -out bench-results/sizes.json || status=1 ;; \
		*) $(GO) run -tags $(TAGS) ./cmd/bench -bin $(BIN) -engine $$b -out bench-results/$$b.json || status=1 ;; \
		esac; \
	done; exit $$status

bench-check: ## compares the last runs of make bench with the targets
	$(GO) run -tags $(TAGS) ./cmd/bench -check $(shell echo $(BENCH_FILES) | tr ' ' ',')

clean:
	rm -rf bin
