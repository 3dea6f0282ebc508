#!/usr/bin/env bash
# store_cli_test.sh — the findings database through the command line: query (filters, formats,
# read-only --sql), diff, export (SARIF validated against the official schema, JSON), merge of
# shards equals one run, baseline write, bad input files (exit 2, file untouched), a read-only
# location, and every example query of docs/database.md.
# usage: store_cli_test.sh PYREFCHECK STORE_WRITER SARIF_SCHEMA DOCS_DATABASE_MD VALIDATOR
set -u
PRC=${1:?usage}; W=${2:?usage}; SCHEMA=${3:?usage}; DOC=${4:?usage}; VALIDATE=${5:?usage}
passed=0 failed=0
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err
mkdir "$tmp/sarif"

expect() {  # expect NAME EXIT-CODE COMMAND...
  local name=$1 want=$2; shift 2
  "$@" >"$out" 2>"$err"
  local got=$?
  if [ "$got" -eq "$want" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $name: exit $got, expected $want"; sed 's/^/  | /' "$err" | head -5; fi
}
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
lines() { wc -l <"$1" | tr -d ' '; }
hash_of() { sha256sum "$1" | cut -d' ' -f1; }
python=python3
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import jsonschema' 2>/dev/null; then python=$p; break; fi
done

cd "$tmp" || exit 1
DB=$tmp/h.db
"$W" write "$DB" >/dev/null && "$W" write "$DB" --variant moved >/dev/null &&
  "$W" write "$DB" --variant edited >/dev/null || { echo "FAIL: cannot write synthetic runs"; exit 1; }

# --- query ----------------------------------------------------------------------------------------
expect "query lists the latest run" 1 "$PRC" query --db "$DB"
check "query table: header, rule, 32 rows" test "$(lines "$out")" -eq 34
check "query table header" grep -q '^file  *line  *column  *severity  *rule  *function  *message  *fingerprint  *suppressed$' "$out"
expect "query --rule" 1 "$PRC" query --db "$DB" --rule ref-leak --format csv
check "query --rule: only that rule" test "$(grep -c ',ref-leak,' "$out")" -eq "$(($(lines "$out") - 1))"
check "query csv header" grep -q '^file,line,column,severity,rule,function,message,fingerprint,suppressed' "$out"
expect "query --file glob" 1 "$PRC" query --db "$DB" --file 'src/mod00[12].c' --format csv
check "query --file: 8 rows" test "$(lines "$out")" -eq 9
expect "query --function" 1 "$PRC" query --db "$DB" --function mod003_f0 --format csv
check "query --function: 2 rows" test "$(lines "$out")" -eq 3
expect "query --severity" 1 "$PRC" query --db "$DB" --severity note --format json
check "query json parses, all notes" "$python" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r and all(x["severity"]=="note" for x in r), r' "$out"
expect "query --new" 1 "$PRC" query --db "$DB" --new --format csv
check "query --new: 2 rows" test "$(lines "$out")" -eq 3
expect "query --fixed" 1 "$PRC" query --db "$DB" --fixed --format csv
check "query --fixed: 2 rows" test "$(lines "$out")" -eq 3
expect "query --run 2 --new: nothing new after a line move" 0 "$PRC" query --db "$DB" --run 2 --new
expect "query --incomplete" 1 "$PRC" query --db "$DB" --incomplete --format csv
check "query --incomplete: functions _f2 only" test "$(grep -c '_f2,' "$out")" -eq "$(($(lines "$out") - 1))"
expect "query no match exits 0" 0 "$PRC" query --db "$DB" --rule no-such-rule
expect "query --run 9 is an error" 2 "$PRC" query --db "$DB" --run 9
check "query --run 9 message" grep -q 'no run 9' "$err"
expect "query bad format" 2 "$PRC" query --db "$DB" --format xml
expect "query --new --fixed" 2 "$PRC" query --db "$DB" --new --fixed
expect "query without a database" 2 "$PRC" query
check "query without a database: says so" grep -q 'no findings database' "$err"
mkdir -p proj/.pyrefcheck proj/sub && cp "$DB" proj/.pyrefcheck/findings.db
expect "query finds .pyrefcheck/findings.db in a parent" 1 sh -c "cd proj/sub && '$PRC' query --rule ref-leak"

expect "query --runs" 0 "$PRC" query --db "$DB" --runs --format csv
check "query --runs lists 3 complete runs of 8 files" test "$(grep -c ',lint,complete,.*,,8,32' "$out")" -eq 3
expect "query --runs with a filter" 2 "$PRC" query --db "$DB" --runs --rule ref-leak

# --- query --sql ------------------------------------------------------------------------------------
before=$(hash_of "$DB")
expect "sql select" 0 "$PRC" query --db "$DB" --sql 'SELECT count(*) AS n FROM findings' --format csv
check "sql select result" grep -qx '96' <(tr -d '\r' <"$out")
for stmt in "INSERT INTO meta VALUES('a','b')" "UPDATE findings SET line = 0" "DELETE FROM runs" \
            "DROP TABLE findings" "CREATE TABLE x(y)" "ATTACH 'x.db' AS x" "PRAGMA user_version = 9" \
            "VACUUM" "VACUUM INTO 'copy.db'" "REINDEX" "ANALYZE" "BEGIN IMMEDIATE"; do
  expect "sql refuses: $stmt" 2 "$PRC" query --db "$DB" --sql "$stmt"
  check "sql refusal is clear: $stmt" grep -q "^pyrefcheck: query: --sql is read-only: .* is not allowed" "$err"
done
check "sql refusals left the database untouched" test "$(hash_of "$DB")" = "$before"
check "sql refusals wrote no file" test ! -e x.db -a ! -e copy.db
expect "sql syntax error" 2 "$PRC" query --db "$DB" --sql 'SELEC 1'
check "sql syntax error message" grep -q 'bad SQL' "$err"

# --- diff -----------------------------------------------------------------------------------------
expect "diff of the two latest: new findings exit 1" 1 "$PRC" diff --db "$DB"
check "diff summary" grep -q 'run 2 -> run 3: 2 new, 2 fixed, 30 unchanged' "$out"
expect "diff 1 2: moved lines are unchanged" 0 "$PRC" diff --db "$DB" 1 2
check "diff 1 2 summary" grep -q '0 new, 0 fixed, 32 unchanged' "$out"
expect "diff 3 1 (reversed)" 1 "$PRC" diff --db "$DB" 3 1 --format csv
check "diff csv states" test "$(grep -c '^new,' "$out"),$(grep -c '^fixed,' "$out"),$(grep -c '^unchanged,' "$out")" = "2,2,30"
expect "diff json" 1 "$PRC" diff --db "$DB" --format json
check "diff json parses" "$python" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert sum(x["state"]=="new" for x in r)==2' "$out"
expect "diff with one run" 1 "$PRC" diff --db "$DB" 1
expect "diff of a missing run" 2 "$PRC" diff --db "$DB" 1 7
"$W" write one.db >/dev/null
expect "diff with only one run" 2 "$PRC" diff --db one.db

# --- export ---------------------------------------------------------------------------------------
expect "export --sarif" 0 "$PRC" export --db "$DB" --sarif -o sarif/latest.sarif
expect "export --sarif --run 1 to stdout" 0 "$PRC" export --db "$DB" --sarif --run 1
cp "$out" sarif/run1.sarif
expect "export --sarif --help-uri-base" 0 "$PRC" export --db "$DB" --sarif --help-uri-base https://example.org/r/ -o sarif/base.sarif
check "helpUri uses the base" grep -q '"helpUri": "https://example.org/r/ref-leak.md"' sarif/base.sarif
check "sarif: codeFlows" grep -q '"codeFlows"' sarif/latest.sarif
check "sarif: rule summaries from the catalogue" grep -q '"shortDescription"' sarif/latest.sarif
check "sarif: primaryLocationLineHash" grep -q '"primaryLocationLineHash": "[0-9a-f]\{16\}:[0-9]*"' sarif/latest.sarif
check "sarif: logical location = function" grep -q '"name": "PyInit_mod000"' sarif/latest.sarif
check "sarif: SRCROOT percent-encoded" grep -q '"uri": "file:///work/synthetic%20tree/"' sarif/latest.sarif
check "sarif: suppression" grep -q '"kind": "inSource"' sarif/latest.sarif
check "sarif: fingerprints stable across a line move" test \
  "$("$PRC" export --db "$DB" --sarif --run 1 | grep -c pyrefcheck/v1)" -eq 32
"$PRC" export --db "$DB" --sarif --run 1 | grep '"pyrefcheck/v1"' >fp1
"$PRC" export --db "$DB" --sarif --run 2 | grep '"pyrefcheck/v1"' >fp2
check "sarif fingerprints equal for runs 1 and 2" cmp -s fp1 fp2
"$W" write unfinished.db --unfinished >/dev/null
expect "export of an unfinished run" 0 "$PRC" export --db unfinished.db --sarif --run 1 -o sarif/unfinished.sarif
check "unfinished run: executionSuccessful false" grep -q '"executionSuccessful": false' sarif/unfinished.sarif
expect "export of an unfinished run without --run" 2 "$PRC" export --db unfinished.db --json
expect "export --json" 0 "$PRC" export --db "$DB" --json
check "export json parses with steps" "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="pyrefcheck-findings" and len(d["findings"])==32 and d["findings"][0]["steps"]' "$out"
expect "export needs one format" 2 "$PRC" export --db "$DB"
"$W" sarif-direct sarif/direct.sarif
check "sarif-direct written" test -s sarif/direct.sarif

# --- merge: shards equal one run -------------------------------------------------------------------
"$W" write single.db --files 30 >/dev/null
for i in 1 2 3; do "$W" write "shard$i.db" --files 30 --shard "$i/3" >/dev/null; done
expect "merge 3 shards" 0 "$PRC" merge merged.db shard1.db shard2.db shard3.db
"$PRC" query --db single.db --format csv >single.csv
"$PRC" query --db merged.db --format csv >merged.csv
check "merged run has findings" test "$(lines merged.csv)" -eq 121
check "shards + merge = one run (findings)" cmp -s single.csv merged.csv
"$PRC" query --db single.db --sql 'SELECT path, content_hash, parse_status FROM files ORDER BY path' >a.txt
"$PRC" query --db merged.db --sql 'SELECT path, content_hash, parse_status FROM files ORDER BY path' >b.txt
check "shards + merge = one run (files)" cmp -s a.txt b.txt
"$PRC" query --db single.db --sql 'SELECT f.fingerprint, s.ord, s.line, s.message FROM path_steps s JOIN findings f ON f.id = s.finding_id ORDER BY 1, 2' >a.txt
"$PRC" query --db merged.db --sql 'SELECT f.fingerprint, s.ord, s.line, s.message FROM path_steps s JOIN findings f ON f.id = s.finding_id ORDER BY 1, 2' >b.txt
check "shards + merge = one run (path steps)" cmp -s a.txt b.txt
expect "diff single vs merged: no change" 0 sh -c "'$PRC' merge both.db single.db --force >/dev/null && '$PRC' merge both.db shard1.db shard2.db shard3.db >/dev/null && '$PRC' diff --db both.db"
check "single vs merged diff" grep -q ' 0 new, 0 fixed, 120 unchanged' "$out"
expect "merge with a shard missing" 2 "$PRC" merge m2.db shard1.db shard2.db
check "missing shard message" grep -q '2 inputs for a run split in 3 shards' "$err"
expect "merge with a shard twice" 2 "$PRC" merge m3.db shard1.db shard1.db shard2.db
check "failed merges leave no new database" test ! -e m2.db -a ! -e m3.db
expect "merge an unsharded run without --force" 2 "$PRC" merge m4.db single.db

# --- baseline ----------------------------------------------------------------------------------------
expect "baseline write" 0 "$PRC" baseline write base.txt --db "$DB" --run 1
check "baseline header" grep -qx '# pyrefcheck baseline v1' base.txt
check "baseline: 31 unsuppressed findings" test "$(grep -vc '^#' base.txt)" -eq 31
check "baseline sorted" sh -c "grep -v '^#' base.txt | sort -c"
"$PRC" baseline write base2.txt --db "$DB" --run 2 >/dev/null
check "baseline unchanged by a line move" cmp -s base.txt <(sed 's/run 1;/run 1;/' base2.txt | sed 's/of run 2/of run 1/; s/base2.txt/base.txt/g')
expect "baseline without write" 2 "$PRC" baseline base.txt

# --- bad input: exit 2, one clear line, the file untouched -----------------------------------------------
printf 'my notes\n' >notes.db
cp "$DB" trunc.db && truncate -s 20000 trunc.db
cp "$DB" newer.db && "$W" raw newer.db 'PRAGMA user_version = 99'
for f in notes.db trunc.db newer.db; do
  before=$(hash_of "$f")
  for cmd in "query --db $f" "diff --db $f" "export --json --db $f" "baseline write b.txt --db $f" "merge $f shard1.db shard2.db shard3.db" "merge ok.db $f"; do
    expect "$cmd: exit 2" 2 "$PRC" $cmd
    check "$cmd: one line" test "$(lines "$err")" -eq 1
    check "$cmd: names the file" grep -q "$f" "$err"
  done
  check "$f untouched" test "$(hash_of "$f")" = "$before"
done
"$PRC" query --db notes.db 2>"$err"; check "text file message" grep -q 'not a pyrefcheck database' "$err"
"$PRC" query --db trunc.db 2>"$err"; check "truncated message" grep -q 'corrupt' "$err"
"$PRC" query --db newer.db 2>"$err"; check "newer message" grep -q 'newer pyrefcheck' "$err"

# A read-only location: as root, drop to nobody (root ignores permissions).
mkdir ro && cp "$DB" ro/h.db && chmod 755 . && chmod 644 ro/h.db && chmod 555 ro
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else echo "SKIP read-only location: running as root without setpriv"; fi
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  before=$(hash_of ro/h.db)
  expect "merge into a read-only location" 2 "${as_user[@]}" "$PRC" merge ro/new.db shard1.db shard2.db shard3.db
  check "read-only location message" grep -q 'read-only location' "$err"
  expect "merge into a read-only file" 2 "${as_user[@]}" "$PRC" merge ro/h.db shard1.db shard2.db shard3.db
  check "read-only file message" grep -q 'read-only' "$err"
  expect "query of a database in a read-only directory" 1 "${as_user[@]}" "$PRC" query --db ro/h.db
  check "read-only database untouched" test "$(hash_of ro/h.db)" = "$before"
  check "no new file in the read-only directory" test "$(ls ro)" = "h.db"
fi

# --- docs/database.md examples ------------------------------------------------------------------------
"$W" write "$DB" --files 2 --unfinished >/dev/null  # a run that did not finish, for example 10
awk '/^```sql$/ {on = 1; q = ""; next} /^```$/ && on {on = 0; n++; f = sprintf("example%02d.sql", n); printf "%s", q > f; close(f); next} on {q = q $0 "\n"}' "$DOC"
count=$(ls example*.sql 2>/dev/null | wc -l)
check "docs/database.md has 10 example queries (found $count)" test "$count" -eq 10
for q in example*.sql; do
  [ -e "$q" ] || continue
  expect "docs $q runs" 0 "$PRC" query --db "$DB" --sql "$(cat "$q")"
  check "docs $q returns rows" test "$(lines "$out")" -ge 3
done

# --- every SARIF produced above validates against the official schema -----------------------------------
if [ ! -f "$SCHEMA" ]; then
  failed=$((failed + 1)); echo "FAIL SARIF schema not found at $SCHEMA (CI needs shared/ beside the repository)"
else
  expect "SARIF validates against the schema" 0 "$python" "$VALIDATE" "$SCHEMA" sarif/*.sarif
  cat "$out"
  sed 's/"2.1.0"/"2.0"/; s/"ruleId"/"rule_id"/' sarif/latest.sarif >broken.sarif
  expect "the validator rejects a broken log (control)" 1 "$python" "$VALIDATE" "$SCHEMA" broken.sarif
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
