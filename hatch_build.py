"""The wheel's build hook: compiles the translation catalogues (.ts) into the .qm files the program loads.

The .qm files are build output (not in git): ``make translations`` writes them for a source checkout, and this hook
writes them before hatchling collects ``resources/`` into the wheel, with the pyside6-lrelease of the building
environment (the wheel is built without build isolation, so PySide6 is there; no network is needed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            # An editable install (make's set-up) runs in an isolated build environment without PySide6; the
            # source checkout's .qm files come from `make translations`, which every make target runs first.
            return
        sys.path.insert(0, self.root)
        try:
            from tools.translations import LANGUAGES, compile_catalogue
        finally:
            sys.path.remove(self.root)
        for language in LANGUAGES:
            compiled = compile_catalogue(language)
            self.app.display_info(f"compiled {Path(compiled).relative_to(self.root)}")
