"""Regenerate every golden pair: python3 make_all.py (from this folder). Output is deterministic."""
import importlib
import lib
for m in ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']:
    for f in importlib.import_module(m).FUNCS:
        f()
print(len(lib.WRITTEN), 'pairs written to', lib.OUT)
