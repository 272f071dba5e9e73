"""Files the app ships: icons, fonts and compiled catalogues (installed as tafdesk.resources)."""

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    return Path(str(files(__name__).joinpath(*parts)))
