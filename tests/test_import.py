"""``import isscoop`` is cheap: no dateutil parser, no data, until a collection is used.

Each check runs in a fresh interpreter, since this test process has long since
imported everything.  The cache of the bundled dataset is the ``_bundled``
global of the module that defines :func:`isscoop.dataset`.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_import_loads_neither_dateutil_parser_nor_data() -> None:
    out = run_python(
        """
        import sys
        import isscoop
        cache = sys.modules[isscoop.dataset.__module__]
        print("dateutil.parser" in sys.modules, cache._bundled is None)
        """
    )
    assert out == "False True"


def test_a_collection_loads_the_data() -> None:
    out = run_python(
        """
        import sys
        import isscoop
        cache = sys.modules[isscoop.dataset.__module__]
        agencies = isscoop.agencies
        bundled = cache._bundled
        print(bundled is not None, agencies is bundled.agencies, len(agencies) > 0)
        """
    )
    assert out == "True True True"


def test_the_dataset_is_read_once() -> None:
    out = run_python(
        """
        import isscoop
        first = isscoop.dataset()
        print(isscoop.meetings is first.meetings, isscoop.dataset() is first)
        """
    )
    assert out == "True True"


def test_date_parsing_without_human_text_does_not_need_dateutil() -> None:
    out = run_python(
        """
        import sys
        import isscoop
        isscoop.PartialDate.parse("2025-07-31")
        isscoop.Period.parse("2025-07-09/..").covers("2025-08-01")
        before = "dateutil.parser" in sys.modules
        isscoop.PartialDate.from_text("31 July 2025")
        print(before, "dateutil.parser" in sys.modules)
        """
    )
    assert out == "False True"


def test_unknown_attributes_raise_attribute_error() -> None:
    out = run_python(
        """
        import sys
        import isscoop
        cache = sys.modules[isscoop.dataset.__module__]
        try:
            isscoop.no_such_thing
        except AttributeError as e:
            print(type(e).__name__, cache._bundled is None)
        """
    )
    assert out == "AttributeError True"


def test_dir_lists_the_collections() -> None:
    out = run_python(
        """
        import sys
        import isscoop
        cache = sys.modules[isscoop.dataset.__module__]
        names = dir(isscoop)
        print(all(n in names for n in ("agencies", "officials", "meetings")), cache._bundled is None)
        """
    )
    assert out == "True True"
