"""Writes expected/<case>.json: what the NeMo Agent toolkit's own loader reads from each case.

Not part of the build. Run with PyYAML installed, the toolkit's yaml_tools.py and the expandvars package on the path:

    python3 generate_expected.py TOOLKIT_SRC EXPANDVARS_DIR

TOOLKIT_SRC holds nat/utils/io/yaml_tools.py (packages/nvidia_nat_core/src of NVIDIA/NeMo-Agent-Toolkit) and
EXPANDVARS_DIR holds expandvars.py. The corpus is copied to a temporary directory, CORPUS_DIR is set to it, the
environment is env.json and nothing else, and every cases/*.yml is loaded with yaml_tools.yaml_load. JSON keeps the
types apart: 8080 is an int, 8080.0 a float, "8080" a string.
"""
import json
import os
import shutil
import sys
import tempfile
import types

toolkit_src, expandvars_dir = sys.argv[1], sys.argv[2]
sys.path[:0] = [toolkit_src, expandvars_dir]
# yaml_tools imports only StrPath from nat.utils.type_utils; stand it in without the rest of the toolkit.
for name in ("nat", "nat.utils"):
    module = types.ModuleType(name)
    module.__path__ = [os.path.join(toolkit_src, *name.split("."))]
    sys.modules[name] = module
type_utils = types.ModuleType("nat.utils.type_utils")
type_utils.StrPath = str
sys.modules["nat.utils.type_utils"] = type_utils
from nat.utils.io import yaml_tools  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
env = json.load(open(os.path.join(here, "env.json")))
work = tempfile.mkdtemp()
corpus = os.path.join(work, "corpus")
shutil.copytree(here, corpus, ignore=shutil.ignore_patterns("expected", "*.py"))
os.makedirs(os.path.join(here, "expected"), exist_ok=True)
for case in sorted(os.listdir(os.path.join(corpus, "cases"))):
    os.environ.clear()
    os.environ.update(env)
    os.environ["CORPUS_DIR"] = corpus
    tree = yaml_tools.yaml_load(os.path.join(corpus, "cases", case))
    with open(os.path.join(here, "expected", case[:-4] + ".json"), "w") as out:
        json.dump(tree, out, indent=2, ensure_ascii=False)
        out.write("\n")
    print(case)
shutil.rmtree(work)
