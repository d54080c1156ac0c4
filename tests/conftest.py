import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
# Tests never touch the public Tox network.
os.environ["TOXGUI_NO_PUBLIC_BOOTSTRAP"] = "1"

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_report_header(config: object) -> str:
    """Which c-toxcore the interop tests drive (Debian's 0.2.18, or TOXGUI_LIBTOXCORE)."""
    try:
        from tests.interop import ctox

        path = ctox.library_path()
        if path is None:
            return "c-toxcore: not installed"
        return f"c-toxcore: {'.'.join(map(str, ctox.version()))} from {path}"
    except Exception as e:  # the header must never stop a run
        return f"c-toxcore: unknown ({type(e).__name__})"
