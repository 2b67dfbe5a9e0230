"""Workbooks open from OneDrive, SharePoint or Teams: from Excel's web address to the local file.

With AutoSave on, Excel reports a cloud workbook's ``FullName`` as a web address. When the
library is synced, the file also lies in a local folder; this module finds it, the way
xlwings documents the layouts (docs/onedrive_sharepoint.md, ``utils.fullname_url_to_local_path``)
and with xlwings' setting names, read from the add-in's own settings file:

- OneDrive (personal): ``https://d.docs.live.net/<id>/<path>`` →
  ``ONEDRIVE_CONSUMER_WIN|MAC`` ``/<path>``;
- OneDrive for Business: ``https://<tenant>-my.sharepoint.com/personal/<user>/Documents/<path>``
  → ``ONEDRIVE_COMMERCIAL_WIN|MAC`` ``/<path>``;
- SharePoint and Teams: ``https://<host>/sites/<site>/<library>/<path>`` →
  ``SHAREPOINT_WIN|MAC`` ``/<site> - <library name>/<path>`` — xlwings' default spells the
  library "Documents", but a Danish or Swedish library is "Delte dokumenter" / "Delade
  dokument", so every folder of the site is tried, and a library synced from a subfolder
  (one folder level less locally).

Where Windows records the synced libraries (the registry's ``SyncEngines`` mount points),
those win. The file must be found exactly once; otherwise the workbook counts as not synced,
and the button says what to do instead of guessing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from xltools.addin import userconf
from xltools.errors import XltoolsError

# xlwings' setting names, by platform suffix
CONSUMER, COMMERCIAL, SHAREPOINT = "ONEDRIVE_CONSUMER", "ONEDRIVE_COMMERCIAL", "SHAREPOINT"


class CloudNotSyncedError(XltoolsError):
    """The workbook is open from OneDrive/SharePoint and no local copy of it was found."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"{url} is not synced to this computer")


def setting_name(kind: str, platform: str = sys.platform) -> str:
    """xlwings' name of a sync-folder setting on a platform, e.g. ``SHAREPOINT_WIN``.

    Args:
        kind: :data:`CONSUMER`, :data:`COMMERCIAL` or :data:`SHAREPOINT`.
        platform: ``sys.platform`` of the Excel machine.

    Returns:
        The setting's name.
    """
    return f"{kind}_{'MAC' if platform.startswith('darwin') else 'WIN'}"


@dataclass(frozen=True)
class SyncRoots:
    """The local folders OneDrive syncs into, most trusted first."""

    consumer: tuple[Path, ...] = ()
    commercial: tuple[Path, ...] = ()
    sharepoint: tuple[Path, ...] = ()
    mounts: Mapping[str, Path] = field(default_factory=dict)  # web address prefix -> folder


def _dirs(paths: Iterable[str | Path | None]) -> tuple[Path, ...]:
    found: list[Path] = []
    for path in paths:
        if path and Path(path).is_dir() and Path(path) not in found:
            found.append(Path(path))
    return tuple(found)


def _children(folder: Path, prefix: str) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith(prefix))
    except OSError:
        return []


def registry_mounts() -> dict[str, Path]:
    """The libraries OneDrive syncs on this Windows PC: web address prefix → local folder.

    Returns:
        What ``HKCU\\SOFTWARE\\SyncEngines\\Providers\\OneDrive`` lists ({} elsewhere).
    """
    if not sys.platform.startswith("win"):
        return {}
    import winreg

    found: dict[str, Path] = {}
    root = r"SOFTWARE\SyncEngines\Providers\OneDrive"
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, root) as providers:
            for i in range(winreg.QueryInfoKey(providers)[0]):
                name = winreg.EnumKey(providers, i)
                with winreg.OpenKey(providers, name) as key:
                    try:
                        mount, _ = winreg.QueryValueEx(key, "MountPoint")
                        namespace, _ = winreg.QueryValueEx(key, "URLNamespace")
                    except OSError:
                        continue
                    found[str(namespace)] = Path(mount)
    except OSError:
        return {}
    return found


def discover(platform: str = sys.platform, home: Path | None = None,
             env: Mapping[str, str] | None = None,
             mounts: Mapping[str, Path] | None = None) -> dict[str, Path]:
    """The sync folders that can be found on this computer, by xlwings' setting name.

    Windows: the ``OneDriveConsumer`` / ``OneDriveCommercial`` variables OneDrive sets, and
    for SharePoint the folder that holds the synced libraries (from the registry's mount
    points, else ``%USERPROFILE%\\<organisation>`` beside ``OneDrive - <organisation>``).
    macOS: ``~/Library/CloudStorage/OneDrive-Personal``, ``OneDrive-<organisation>`` and
    ``OneDrive-SharedLibraries-<organisation>`` (older clients: the same names in the home
    folder). A setting is given only when exactly one folder fits it.

    Args:
        platform: ``sys.platform`` of the Excel machine.
        home: the user's home folder.
        env: the environment (default: this process').
        mounts: the registry's mount points (default: :func:`registry_mounts`).

    Returns:
        Setting name to folder, only for the folders that exist.
    """
    home = Path.home() if home is None else home
    env = os.environ if env is None else env
    found: dict[str, Path] = {}

    def one(kind: str, candidates: Iterable[str | Path | None]) -> None:
        folders = _dirs(candidates)
        if len(folders) == 1:
            found[setting_name(kind, platform)] = folders[0]

    if platform.startswith("darwin"):
        storage = home / "Library" / "CloudStorage"
        business = [p for p in _children(storage, "OneDrive-")
                    if p.name != "OneDrive-Personal" and not p.name.startswith("OneDrive-Shared")]
        one(CONSUMER, [storage / "OneDrive-Personal"] if (storage / "OneDrive-Personal").is_dir()
            else [home / "OneDrive"])
        one(COMMERCIAL, business or _children(home, "OneDrive - "))
        one(SHAREPOINT, _children(storage, "OneDrive-SharedLibraries-"))
        return found
    one(CONSUMER, [env.get("OneDriveConsumer")])
    commercial = env.get("OneDriveCommercial")
    one(COMMERCIAL, [commercial])
    mounts = registry_mounts() if mounts is None else mounts
    onedrives = {Path(p) for p in (env.get("OneDriveConsumer"), commercial) if p}
    parents = {Path(m).parent for m in mounts.values()
               if not any(Path(m) == o or o in Path(m).parents for o in onedrives)}
    if not parents and commercial and Path(commercial).name.startswith("OneDrive - "):
        parents = {Path(commercial).with_name(Path(commercial).name[len("OneDrive - "):])}
    one(SHAREPOINT, sorted(parents))
    return found


def sync_roots(conf: Mapping[str, str] | None = None, platform: str = sys.platform,
               home: Path | None = None, env: Mapping[str, str] | None = None,
               mounts: Mapping[str, Path] | None = None) -> SyncRoots:
    """The sync folders to look in: the user's settings first, then what can be found.

    Args:
        conf: the user's settings file (default: :func:`userconf.read_conf`).
        platform: ``sys.platform`` of the Excel machine.
        home: the user's home folder.
        env: the environment (default: this process').
        mounts: the registry's mount points (default: :func:`registry_mounts`).

    Returns:
        The folders per kind, and the mount points.
    """
    conf = userconf.read_conf(platform=platform) if conf is None else conf
    env = os.environ if env is None else env
    mounts = registry_mounts() if mounts is None else mounts
    found = discover(platform, home, env, mounts)

    def roots(kind: str, *extra: str | None) -> tuple[Path, ...]:
        name = setting_name(kind, platform)
        configured = conf.get(name)
        return _dirs([userconf.expand(configured) if configured else None, found.get(name),
                      *extra])

    return SyncRoots(
        consumer=roots(CONSUMER, env.get("OneDriveConsumer"), env.get("OneDrive")),
        commercial=roots(COMMERCIAL, env.get("OneDriveCommercial"), env.get("OneDrive")),
        sharepoint=roots(SHAREPOINT),
        mounts={k: Path(v) for k, v in mounts.items()},
    )


def _site_folders(root: Path, site: str) -> list[Path]:
    # The local folder is "<site name> - <library name>"; the address drops the site name's
    # spaces, so compare without them.
    wanted = site.replace(" ", "").casefold()
    try:
        children = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:
        return []
    return [p for p in children
            if p.name.split(" - ", 1)[0].replace(" ", "").casefold() == wanted]


def _mounted(url: str, mounts: Mapping[str, Path]) -> list[Path]:
    found = []
    plain = unquote(url)
    for namespace, mount in mounts.items():
        prefix = unquote(namespace).rstrip("/") + "/"
        if plain.casefold().startswith(prefix.casefold()):
            found.append(mount.joinpath(*plain[len(prefix):].split("/")))
    return found


def candidates(url: str, roots: SyncRoots) -> list[Path]:
    """Where a cloud workbook would be if its library is synced, most likely first.

    Args:
        url: the workbook's ``FullName`` as Excel reports it.
        roots: the sync folders.

    Returns:
        Possible local files (not checked).
    """
    found = _mounted(url, roots.mounts)
    parts = urlsplit(url)
    host = parts.netloc.lower()
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if host == "d.docs.live.net" and len(segments) >= 2:
        found += [root.joinpath(*segments[1:]) for root in roots.consumer]
    elif host.split(".", 1)[0].endswith("-my") and len(segments) >= 4 \
            and segments[0].lower() == "personal":
        found += [root.joinpath(*segments[3:]) for root in roots.commercial]
    elif len(segments) >= 4 and segments[0].lower() in ("sites", "teams"):
        site, rest = segments[1], segments[3:]
        for root in roots.sharepoint:
            found.append((root / f"{site} - Documents").joinpath(*rest))  # xlwings' default
            for folder in _site_folders(root, site):
                # the whole library synced, or a folder of it synced on its own
                found += [folder.joinpath(*rest[k:]) for k in range(len(rest))]
    return found


def local_path(url: str, roots: SyncRoots | None = None) -> Path | None:
    """The synced local copy of a cloud workbook.

    Args:
        url: the workbook's ``FullName`` as Excel reports it (a web address).
        roots: the sync folders (default: :func:`sync_roots`).

    Returns:
        The one local file that fits, or None when there is none (or more than one).
    """
    roots = sync_roots() if roots is None else roots
    for path in _mounted(url, roots.mounts):
        if path.is_file():
            return path  # Windows' own record of the synced library: no guessing needed
    hits: list[Path] = []
    for path in candidates(url, roots):
        try:
            if path.is_file() and not any(path.samefile(h) for h in hits):
                hits.append(path)
        except OSError:
            continue
    return hits[0] if len(hits) == 1 else None


def is_cloud(full_name: str) -> bool:
    """True for a workbook Excel reports by web address (OneDrive/SharePoint with AutoSave)."""
    return "://" in full_name
