"""Shared fixtures: LibreOffice headless, the independent reader, with its own throwaway profile."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

SOFFICE_TIMEOUT = 120  # seconds for one conversion batch; a first start builds the profile

Convert = Callable[[Sequence[Path], str, Path], list[Path]]


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice binary; CI installs it, so only a developer machine may lack it."""
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed; `.ci/run` installs it")
    return found


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private LibreOffice profile: independent of any user's, and usable beside a running one."""
    return tmp_path_factory.mktemp("libreoffice-profile")


@pytest.fixture(scope="session")
def convert(soffice: str, lo_profile: Path) -> Convert:
    """Convert files with LibreOffice headless; returns the converted files, in input order.

    A private profile keeps the run independent of (and harmless to) any user's LibreOffice,
    and lets tests run while another LibreOffice is open.
    """
    def run(files: Sequence[Path], target: str, outdir: Path) -> list[Path]:
        outdir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={lo_profile.as_uri()}",
             "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
            capture_output=True, text=True, timeout=SOFFICE_TIMEOUT, check=False,
        )
        extension = target.split(":")[0]
        outputs = [outdir / f"{Path(f).stem}.{extension}" for f in files]
        # soffice exits 0 even when a conversion fails; the missing output is the evidence
        missing = [p.name for p in outputs if not p.exists() or p.stat().st_size == 0]
        assert result.returncode == 0 and not missing, (
            f"LibreOffice failed to convert to {target}: missing {missing}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}")
        assert "error" not in result.stdout.lower(), result.stdout
        return outputs

    return run
