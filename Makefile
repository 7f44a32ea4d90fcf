# Deep Learning, from the Perceptron to Transformers.
#   make lab        create .venv if missing, install, start JupyterLab on notebooks/
#   make test       create .venv if missing, install, run unit tests and nbval over every notebook
#   make notebooks  re-execute notebooks and store their outputs (NB=notebooks/01_perceptron.ipynb for one)
#   make check      the fast structural check of the lesson conventions
#   make student    student copies (solutions replaced by scaffolds) in build/student/
#   make slides     reveal.js slides of every notebook in build/slides/, working offline
#   make site       the course website (every notebook with its stored outputs) in build/site/, working offline
#   make benchmark  data-path speed and the notebook runtime table

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NB ?=

.PHONY: install lab test notebooks check student slides site benchmark clean

$(INSTALLED): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -r requirements.txt
	# jupyterlab-rise pulls in jupyterlab-mathjax3, a JupyterLab 3 extension; JupyterLab 4 and the
	# RISE slideshow typeset with their own MathJax 3, so it is switched off, not left half-working.
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyterlab/mathjax3-extension
	touch $(INSTALLED)

install: $(INSTALLED)

lab: $(INSTALLED)
	$(BIN)/jupyter lab --notebook-dir=notebooks

test: $(INSTALLED)
	$(BIN)/python -m pytest

notebooks: $(INSTALLED)
	$(BIN)/python -m course_utils.notebooks execute $(NB)

check: $(INSTALLED)
	$(BIN)/python -m course_utils.notebooks check $(NB)

student: $(INSTALLED)
	$(BIN)/python -m course_utils.notebooks student --out build/student $(NB)

slides: $(INSTALLED)
	$(BIN)/python -m course_utils.slides $(NB)

site: $(INSTALLED)
	$(BIN)/python -m course_utils.site

benchmark: $(INSTALLED)
	$(BIN)/python benchmarks/data_path.py
	$(BIN)/python benchmarks/notebook_runtime.py

clean:
	rm -rf build .pytest_cache
