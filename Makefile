# Two commands on a fresh machine: `make reports` builds every report under params/ into
# outputs/, `make test` runs the tests. Both create or reuse .venv and install what they need.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.reportlib-installed
JOBS ?=

.PHONY: reports test lab lint check clean venv browser fonts office

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "make: cannot create $(VENV) with '$(PYTHON) -m venv'; on Debian: apt-get install python3-venv" >&2; \
	  exit 2; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

reports: $(STAMP) fonts
	$(BIN)/reportlib build $(if $(JOBS),--jobs $(JOBS),)

# The tests, and the habits CI holds: lint, format, strict types, the layers' import contracts.
test: $(STAMP) browser office fonts lint
	$(BIN)/python -m pytest

# Documents are set in Times New Roman or a font with its metrics (Decree 30/2020); without
# one, PDFs fall back to DejaVu Serif. Debian's fonts-croscore (Tinos) has every Vietnamese letter.
fonts: $(STAMP)
	@$(BIN)/python -c "import sys; from reportlib.publish.fonts import choose_family; \
	  sys.exit(0 if choose_family('Tháp Mười').times_metrics else 1)" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Debian's fonts-croscore (Tinos, Times New Roman metrics)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-croscore >/dev/null; \
	  else \
	    echo "make: no Times New Roman-metric font; PDFs use DejaVu Serif (apt-get install fonts-croscore)"; \
	  fi; }

# The browser tests drive Debian's chromium (no browser download); install it when we can.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make: chromium not found; browser tests will be skipped (apt-get install chromium)"; \
	  fi; }

# The .docx and .xlsx tests open the files in Debian's LibreOffice (headless, no GUI) and
# print them to PDF, as an office would; install it when we can.
office:
	@command -v soffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing Debian's LibreOffice Writer and Calc for the .docx and .xlsx tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null; \
	  else \
	    echo "make: soffice not found; LibreOffice tests will be skipped (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)"; \
	  fi; }

check: $(STAMP)
	$(BIN)/reportlib check

lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	$(BIN)/jupyter lab --notebook-dir=. $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks data
	$(BIN)/ruff format --check src tests benchmarks data
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf outputs
