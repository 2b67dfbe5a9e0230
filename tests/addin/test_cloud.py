"""Cloud workbooks: Excel's web address of a OneDrive/SharePoint workbook to the synced local file,
with the folder layouts xlwings documents (docs/onedrive_sharepoint.md) and the Nordic
library names xlwings' default does not know."""

from __future__ import annotations

from pathlib import Path

import pytest

from xltools.addin import cloud
from xltools.addin.cloud import SyncRoots


def _file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK")
    return path


def test_onedrive_personal(tmp_path: Path) -> None:
    root = tmp_path / "OneDrive"
    local = _file(root / "Planer" / "Salg.xlsx")
    url = "https://d.docs.live.net/d7bbaa1234567891/Planer/Salg.xlsx"
    assert cloud.local_path(url, SyncRoots(consumer=(root,))) == local


def test_onedrive_for_business(tmp_path: Path) -> None:
    root = tmp_path / "OneDrive - Nordby Kommune"
    local = _file(root / "Handleplaner 2026" / "Løn og personale.xlsx")
    url = ("https://nordby-my.sharepoint.com/personal/soren_nordby_dk/Documents/"
           "Handleplaner%202026/L%C3%B8n%20og%20personale.xlsx")
    assert cloud.local_path(url, SyncRoots(commercial=(root,))) == local


def test_sharepoint_default_layout(tmp_path: Path) -> None:
    # xlwings' documented layout: <SHAREPOINT root>/<site> - Documents/<path>
    root = tmp_path / "Nordby Kommune"
    local = _file(root / "HR - Documents" / "Plans" / "Salg.xlsx")
    url = "https://nordby.sharepoint.com/sites/HR/Shared Documents/Plans/Salg.xlsx"
    assert cloud.local_path(url, SyncRoots(sharepoint=(root,))) == local


@pytest.mark.parametrize("library", ["Delte dokumenter", "Delade dokument", "Dokumenter"])
def test_sharepoint_nordic_library_names(tmp_path: Path, library: str) -> None:
    root = tmp_path / "Region Skåne"
    local = _file(root / f"Human Resources - {library}" / "Planer" / "Åsa.xlsx")
    # the address drops the spaces of the site's name
    url = "https://regionskane.sharepoint.com/sites/HumanResources/Delade%20dokument/Planer/%C3%85sa.xlsx"
    assert cloud.local_path(url, SyncRoots(sharepoint=(root,))) == local


def test_sharepoint_teams_site_and_a_subfolder_synced_on_its_own(tmp_path: Path) -> None:
    root = tmp_path / "Nordby Kommune"
    local = _file(root / "Ledelse - Planer" / "Salg.xlsx")  # "Planer" itself synced
    url = "https://nordby.sharepoint.com/teams/Ledelse/Shared%20Documents/Planer/Salg.xlsx"
    assert cloud.local_path(url, SyncRoots(sharepoint=(root,))) == local


def test_two_matching_files_count_as_not_synced(tmp_path: Path) -> None:
    root = tmp_path / "Nordby Kommune"
    _file(root / "HR - Documents" / "Salg.xlsx")
    _file(root / "HR - Dokumenter" / "Salg.xlsx")
    url = "https://nordby.sharepoint.com/sites/HR/Shared%20Documents/Salg.xlsx"
    assert cloud.local_path(url, SyncRoots(sharepoint=(root,))) is None


def test_windows_registry_mount_points_win(tmp_path: Path) -> None:
    mount = tmp_path / "Nordby Kommune" / "HR - Dokumenter"
    local = _file(mount / "Planer" / "Salg.xlsx")
    _file(tmp_path / "elsewhere" / "HR - Documents" / "Planer" / "Salg.xlsx")  # ignored
    roots = SyncRoots(sharepoint=(tmp_path / "elsewhere",),
                      mounts={"https://nordby.sharepoint.com/sites/HR/Shared Documents/": mount})
    url = "https://nordby.sharepoint.com/sites/HR/Shared%20Documents/Planer/Salg.xlsx"
    assert cloud.local_path(url, roots) == local


def test_an_unsynced_workbook_has_no_local_path(tmp_path: Path) -> None:
    url = "https://nordby.sharepoint.com/sites/HR/Shared%20Documents/Planer/Salg.xlsx"
    assert cloud.local_path(url, SyncRoots(sharepoint=(tmp_path,))) is None
    assert cloud.local_path("https://example.org/x.xlsx", SyncRoots()) is None
    assert cloud.is_cloud(url) and not cloud.is_cloud(r"C:\Users\Søren\Salg.xlsx")


def test_roots_come_from_the_users_settings_with_variables_expanded(tmp_path: Path,
                                                                   monkeypatch) -> None:
    (tmp_path / "OneDrive - Nordby").mkdir()
    monkeypatch.setenv("XLTOOLS_TEST_HOME", str(tmp_path))
    conf = {"ONEDRIVE_COMMERCIAL_WIN": "$XLTOOLS_TEST_HOME/OneDrive - Nordby"}
    roots = cloud.sync_roots(conf, platform="win32", home=tmp_path, env={}, mounts={})
    assert roots.commercial == (tmp_path / "OneDrive - Nordby",)
    assert roots.consumer == () and roots.sharepoint == ()


def test_discover_on_windows(tmp_path: Path) -> None:
    personal, business = tmp_path / "OneDrive", tmp_path / "OneDrive - Nordby Kommune"
    sharepoint = tmp_path / "Nordby Kommune"
    for folder in (personal, business, sharepoint / "HR - Dokumenter"):
        folder.mkdir(parents=True)
    env = {"OneDriveConsumer": str(personal), "OneDriveCommercial": str(business)}
    found = cloud.discover("win32", tmp_path, env, mounts={})
    assert found == {"ONEDRIVE_CONSUMER_WIN": personal, "ONEDRIVE_COMMERCIAL_WIN": business,
                     "SHAREPOINT_WIN": sharepoint}
    mounted = cloud.discover("win32", tmp_path, env,
                             mounts={"https://x/sites/HR/": sharepoint / "HR - Dokumenter"})
    assert mounted["SHAREPOINT_WIN"] == sharepoint


def test_discover_on_macos(tmp_path: Path) -> None:
    storage = tmp_path / "Library" / "CloudStorage"
    for name in ("OneDrive-Personal", "OneDrive-NordbyKommune",
                 "OneDrive-SharedLibraries-NordbyKommune"):
        (storage / name).mkdir(parents=True)
    assert cloud.discover("darwin", tmp_path, {}, {}) == {
        "ONEDRIVE_CONSUMER_MAC": storage / "OneDrive-Personal",
        "ONEDRIVE_COMMERCIAL_MAC": storage / "OneDrive-NordbyKommune",
        "SHAREPOINT_MAC": storage / "OneDrive-SharedLibraries-NordbyKommune"}
    (storage / "OneDrive-Other").mkdir()  # two business accounts: which one is not guessed
    assert "ONEDRIVE_COMMERCIAL_MAC" not in cloud.discover("darwin", tmp_path, {}, {})
