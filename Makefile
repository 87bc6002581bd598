# Two commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install train lodo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all]'
	touch $(STAMP)

install: $(STAMP)

## Analyse the sample article (with its comment section) and print the report.
demo: $(STAMP)
	$(BIN)/newsaudit analyze examples/harbour-bridge-closure.txt

## Run the test suite (tests needing ../shared skip cleanly when it is absent).
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Rebuild the shipped reliability model from ../shared/data (about a minute).
train: $(STAMP)
	$(BIN)/newsaudit train reliability --data ../shared/data/articles

## Leave-one-dataset-out figures for MODEL_CARD.md (several minutes).
lodo: $(STAMP)
	$(BIN)/newsaudit evaluate reliability --protocol lodo --data ../shared/data/articles

## Speed figures for the README.
bench: $(STAMP)
	$(BIN)/python benchmarks/reliability_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
