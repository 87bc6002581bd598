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

## Rebuild every shipped model from ../shared/data (about ten minutes).
train: $(STAMP)
	$(BIN)/newsaudit train reliability --data ../shared/data/articles
	$(BIN)/newsaudit train toxicity --data ../shared/data/comments --teacher ../shared/data/teacher
	$(BIN)/newsaudit train stance --data ../shared/data/stance/fnc1
	$(BIN)/newsaudit train sources --data ../shared/data/sources

## Leave-one-dataset-out figures for MODEL_CARD.md (several minutes).
lodo: $(STAMP)
	$(BIN)/newsaudit evaluate reliability --protocol lodo --data ../shared/data/articles

## Speed figures for the README (each prints its own; the service and batch ones take minutes).
bench: $(STAMP)
	$(BIN)/python benchmarks/reliability_speed.py
	$(BIN)/python benchmarks/toxicity_speed.py
	$(BIN)/python benchmarks/claims_speed.py
	$(BIN)/python benchmarks/signals_speed.py
	$(BIN)/python benchmarks/batch_speed.py
	$(BIN)/python benchmarks/service_latency.py --clients 16 --workers 2

clean:
	rm -rf $(VENV) build *.egg-info
