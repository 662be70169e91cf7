"""The set-up services import and validate without PySide6 (CONTRIBUTING.md: services have no Qt)."""

import subprocess
import sys

from app.services.validation import Checker, is_url, split_emails


def test_setup_services_import_with_pyside6_absent():
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "import app.services.setup.channels, app.services.setup.contingents, app.services.setup.interfaces\n"
            "import app.services.setup.mappings, app.services.setup.mappings_excel, app.services.setup.activity_profiles, app.services.setup.preflight\n"
            "import app.cli.distributors\n"
            "assert not any(m.startswith('PySide6.') for m in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_validators():
    assert is_url("https://api.fnac.example/v2") and is_url("http://127.0.0.1:8765")
    assert not is_url("htp:/x") and not is_url("http://") and not is_url("http://host:99999")
    assert split_emails("a@x.org; b@y.org,c@z.org") == ["a@x.org", "b@y.org", "c@z.org"]
    c = Checker("thing")
    assert c.color("fill", "#abcdef") == "#ABCDEF"
    c.color("text", "red")
    c.emails("mails", "ok@x.org, not-an-address")
    c.code("code", "has space")
    assert set(c.errors) == {"text", "mails", "code"}
