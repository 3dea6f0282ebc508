"""capi_extension_compare.py — builds testdata/runtime/gctype.c, funclib.c and
tests/runtime/capi_misuse.c as genuine CPython extensions (with this interpreter's own headers,
-Wall -Wextra -Werror), imports them, makes the calls test_capi_extensions.c makes, and compares
the outcomes, line by line, with what the same calls print on the pyrefcheck runtime (the driver's
`print` and `misuse` modes).

usage: python3 capi_extension_compare.py TESTDATA_RUNTIME_DIR DRIVER MISUSE_C
"""
import os
import subprocess
import sys
import sysconfig
import tempfile

src_dir, driver, misuse_c = sys.argv[1], sys.argv[2], sys.argv[3]
tmp = tempfile.mkdtemp(prefix="capi-ext-")
include = sysconfig.get_paths()["include"]
suffix = sysconfig.get_config_var("EXT_SUFFIX")
for name, src in (("gctype", os.path.join(src_dir, "gctype.c")),
                  ("funclib", os.path.join(src_dir, "funclib.c")), ("capi_misuse", misuse_c)):
    subprocess.run([os.environ.get("CC", "cc"), "-shared", "-fPIC", "-O1", "-Wall", "-Wextra",
                    "-Werror", "-I", include, src, "-o", os.path.join(tmp, name + suffix)], check=True)
sys.path.insert(0, tmp)
import gctype   # noqa: E402
import funclib  # noqa: E402
import capi_misuse  # noqa: E402

lines = []


def report(name, thunk):
    try:
        result = thunk()
    except Exception as e:  # every outcome is compared, errors included
        lines.append(f"{name}: !{type(e).__name__}: {e}")
    else:
        lines.append(f"{name}: {result!r}")


def setattr_then(obj, attr, value, then):
    setattr(obj, attr, value)
    return then()


report("import gctype", lambda: "ok")
b = gctype.Bag("fruit", ["apple", "pear"])
report("Bag(...)", lambda: b)
report("add", lambda: b.add(3))
report("repr", lambda: repr(b))
report("take", lambda: b.take(2))
report("pop", lambda: b.pop())
report("list", lambda: list(b))
report("len", lambda: len(b))
report("size", lambda: b.size)
report("label", lambda: b.label)
report("set label", lambda: setattr_then(b, "label", "veg", lambda: repr(b)))
report("==", lambda: b == gctype.Bag("x", ["apple", "pear"]))
report("take(-1)", lambda: b.take(-1))
report("extend(5)", lambda: b.extend(5))
report("set size", lambda: setattr_then(b, "size", 3, lambda: None))
report("items", lambda: b.items())
report("clear", lambda: b.clear())
report("empty pop", lambda: b.pop())
report("bag_of", lambda: gctype.bag_of((1, 2, 3), "nums"))
report("bag_of(1)", lambda: gctype.bag_of(1))
report("VERSION", lambda: gctype.VERSION)
report("Bag[int]", lambda: repr(gctype.Bag[int]))

m = funclib
report("import funclib", lambda: "ok")
report("word_count", lambda: m.word_count("a b a"))
report("word_count sep", lambda: m.word_count("x,y,x", sep=","))
report("word_count bad", lambda: m.word_count(1))
report("join_words", lambda: m.join_words(["a", "b"]))
report("join_words sep", lambda: m.join_words(("a", "b"), "+"))
report("join_words bad", lambda: m.join_words(["a", 1]))
report("sorted_pairs", lambda: m.sorted_pairs({"b": 2, "a": 1}))
report("sorted_pairs bad", lambda: m.sorted_pairs([]))
report("stats", lambda: m.stats([1, 2, 3.5]))
report("stats empty", lambda: m.stats(()))
report("stats bad", lambda: m.stats(["x"]))
report("chunk", lambda: m.chunk([1, 2, 3, 4, 5], 2))
report("chunk zero", lambda: m.chunk([1], 0))
report("invert", lambda: m.invert({"a": 1, "b": 2}))
report("invert twice", lambda: m.invert({"a": 1, "b": 1}))
report("describe", lambda: m.describe("Ann", 30))
report("describe title", lambda: m.describe("Bob", 40, title="Dr"))
report("describe negative", lambda: m.describe("Ann", -1))
report("describe too many", lambda: m.describe("Ann", 3, "x"))
report("describe missing", lambda: m.describe("Ann"))
report("scale", lambda: m.scale((1, 2), 1.5))
report("scale bad", lambda: m.scale(1, 2))
report("merge", lambda: m.merge({"a": 1}, {"a": 2, "b": 3}))
report("merge bad", lambda: m.merge(1))
report("first_of empty", lambda: m.first_of([], "d"))
report("first_of", lambda: m.first_of("xyz", None))
report("first_of bad", lambda: m.first_of(1, 2))
report("flatten", lambda: m.flatten([[1, 2], (3,), "ab"]))
report("flatten bad", lambda: m.flatten([1]))
report("shout", lambda: m.shout("h\u00e9llo"))
report("squeeze", lambda: m.squeeze("  h\u00c9llo\u3000wORLD\t\u01c6ungla  \u00df42 "))
report("squeeze empty", lambda: m.squeeze(" \u2028 "))
report("squeeze bad", lambda: m.squeeze(1))
report("classify", lambda: m.classify("Ab\u0663\u00bd\u2167 \u0378x"))
report("list_of", lambda: repr(m.list_of(int)))
report("list_of tuple", lambda: m.list_of((str, 1)).__args__)
report("fail", lambda: m.fail("boom"))
report("__version__", lambda: m.__version__)



def compare(what, want_lines, mode):
    got_lines = subprocess.run([driver, mode], check=True, capture_output=True,
                               text=True).stdout.splitlines()
    bad = 0
    for i in range(max(len(want_lines), len(got_lines))):
        want = want_lines[i] if i < len(want_lines) else "(missing)"
        got = got_lines[i] if i < len(got_lines) else "(missing)"
        if want != got:
            bad += 1
            print(f"MISMATCH ({what})\n  CPython: {want}\n  runtime: {got}")
    print(f"{what}: {len(want_lines)} calls compared with CPython {sys.version.split()[0]}, "
          f"{bad} mismatches")
    return bad


mismatches = compare("extension modules", lines, "print")
mismatches += compare("misuse", capi_misuse.run(), "misuse")
sys.exit(1 if mismatches else 0)
