"""Response bodies are decoded by msgspec when it can and by the stdlib when it cannot: the result must always be
exactly what ``json.loads`` gives (or the text, for a body that is not JSON)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mailgun._call import decode_body

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**40), max_value=10**40),  # beyond 64 bits too
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


def reference(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", errors="replace")


@settings(max_examples=2000, deadline=None)
@given(value=json_values, ascii_only=st.booleans(), indent=st.sampled_from([None, 2]))
def test_json_bodies_decode_as_the_stdlib_reads_them(value: Any, ascii_only: bool, indent: int | None) -> None:
    # allow_nan: the stdlib writes (and reads) NaN and Infinity, which msgspec refuses; ensure_ascii=False with a
    # lone surrogate makes bytes that are not UTF-8. Both must still read as the stdlib reads them.
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    content = text.encode("utf-8", errors="surrogatepass")
    assert repr(decode_body(content)) == repr(reference(content))


@settings(max_examples=2000, deadline=None)
@given(content=st.binary(max_size=64))
def test_any_bytes_decode_as_the_stdlib_reads_them(content: bytes) -> None:
    assert repr(decode_body(content)) == repr(reference(content))


def test_shapes_the_stdlib_reads_and_msgspec_refuses() -> None:
    for content in (b'{"a": NaN}', b'{"a": 1e999}', b'\xef\xbb\xbf{"a": 1}', b'"\\ud800"', b"[1, 2] trailing"):
        assert repr(decode_body(content)) == repr(reference(content)), content
    assert decode_body(b'{"big": 1' + b"0" * 30 + b"}") == {"big": 10**30}  # an int, not a float
