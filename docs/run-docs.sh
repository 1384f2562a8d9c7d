#!/usr/bin/env bash
# Runs the command blocks of the guides as written, each guide on a fresh clone of this repository,
# and checks every block's exit status and, where the guide says what counts as success, its output.
#
#   docs/run-docs.sh [GUIDE...]
#
# GUIDE is a Markdown file of the repository, optionally with a section's anchor
# (docs/SCALING.md#n-nodes-behind-nginx-on-one-machine runs that section only). Without arguments:
# README.md, docs/ADD-A-FEATURE.md, docs/PORTABILITY.md and SCALING.md's nginx section. What each
# block needs (port 8080 free for the run command; root, Debian's PostgreSQL 15 and nginx for SCALING) is the guide's.
#
# Environment: RUN_DOCS_SOURCE (what to clone; default: this repository's committed HEAD),
# RUN_DOCS_WORK (default /tmp/run-docs), RUN_DOCS_WAIT (seconds a background block may take to
# answer; default 900), RUN_DOCS_MVN_FLAGS (added to every mvn of a block, e.g. "-o"; default "-B").
#
# A ```bash (or sh, shell) block is run; the ``` block right after it is its sample output. Lines
# of the form <!-- run-docs: ... --> right before a block's fence say how (invisible on GitHub):
#   skip REASON           not run (reported with the reason)
#   lines=A-B             only these lines of the block run (A-, -B and A alone work too)
#   background wait=URL   runs in the background until the end of the guide; the next block
#                         starts once URL answers 2xx (a server answers 404 before it deploys)
#   dev-server from=N     lines from N on run while README.md's background block runs
#   files                 before the first command, the guide's java and sql blocks are written as
#                         files: Java at its package and class (src/test/java for *IT and *Test), SQL
#                         at the last `path.sql` its text names; `<class>...</class>` in the text goes
#                         into the persistence.xml the text names
#   always                runs even after a block of the guide failed (stopping what it started)
#   check: SHELL          after the block, SHELL runs with $OUT the block's output (stdout and
#                         stderr) and must exit 0; before a sample output it checks that block's command
# A block fails when any command in it fails (bash's ERR trap: the last command of a pipeline, not
# one tested by if, && or ||). After a failure the guide's remaining blocks are skipped, except
# `always` ones. Exit status: 0 when every block that ran passed.
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
source_repo=${RUN_DOCS_SOURCE:-$here}
work=${RUN_DOCS_WORK:-/tmp/run-docs}
wait_seconds=${RUN_DOCS_WAIT:-900}
export RUN_DOCS_MVN_FLAGS=${RUN_DOCS_MVN_FLAGS:--B}
[ $# -gt 0 ] || set -- README.md docs/ADD-A-FEATURE.md docs/PORTABILITY.md docs/SCALING.md#n-nodes-behind-nginx-on-one-machine

summary=()
failures=0

# extract GUIDE_FILE ANCHOR DIR: one set of files per fenced block, numbered in order:
# N.info (info string), N.body, N.markers (run-docs lines before it), N.text (prose since the last block)
extract() {
    mkdir -p "$3"
    awk -v anchor="$2" -v dir="$3" '
        function slug(s) { s = tolower(s); sub(/^#+ */, "", s); gsub(/[^a-z0-9 _-]/, "", s); gsub(/ /, "-", s); return s }
        function level(s) { match(s, /^#+/); return RLENGTH }
        BEGIN { inside = (anchor == ""); n = 0; fence = 0 }
        fence == 0 && /^#+ / {
            if (anchor != "" && slug($0) == anchor) { inside = 1; depth = level($0); next }
            if (anchor != "" && inside && level($0) <= depth) inside = 0
        }
        !inside { next }
        fence == 0 && /^```/ {
            n++; fence = 1; info = substr($0, 4); gsub(/[ \t]/, "", info)
            f = sprintf("%s/%03d", dir, n)
            printf "%s\n", info > (f ".info"); printf "" > (f ".body")
            printf "%s", markers > (f ".markers"); printf "%s", text > (f ".text")
            markers = ""; text = ""; next
        }
        fence == 1 && /^```/ { fence = 0; next }
        fence == 1 { print > (f ".body"); next }
        /^<!-- run-docs:.*-->[ \t]*$/ { m = $0; sub(/^<!-- run-docs: */, "", m); sub(/ *-->[ \t]*$/, "", m); markers = markers m "\n"; next }
        /^[ \t]*$/ { next }
        { markers = ""; text = text $0 "\n" }
    ' "$1"
}

# option NAME MARKERS_FILE: the value of NAME=... (or "yes" for a bare NAME) in the markers
option() {
    awk -v name="$1" '
        /^check:/ { next }
        { for (i = 1; i <= NF; i++) {
            if ($i == name) { print "yes"; exit }
            if (index($i, name "=") == 1) { print substr($i, length(name) + 2); exit } } }
    ' "$2"
}

# select_lines SPEC BODY: the lines SPEC (A-B, A-, -B, A) names
select_lines() {
    local from=${1%-*} to=${1#*-}
    [ "$1" = "${1%-*}" ] && to=$1
    awk -v from="${from:-1}" -v to="${to:-999999}" 'NR >= from && NR <= to' "$2"
}

# The shell that runs a guide's blocks one after the other, so that `cd` and variables carry over
# from block to block as they do for a reader who pastes them into one terminal.
driver_prelude() {
    cat <<'PRELUDE'
mvn() { command mvn $RUN_DOCS_MVN_FLAGS "$@"; }
export -f mvn
run_block() {   # run_block FILE OUT: sources FILE, output to OUT; returns 1 if any command failed
    RUN_DOCS_FAILED=0
    set -E   # the trap fires inside functions too (mvn is one), naming the command that failed
    trap 'echo "run-docs: exit status $? from: $BASH_COMMAND" >&2; RUN_DOCS_FAILED=1' ERR
    { source "$1"; } > "$2" 2>&1 < /dev/null
    trap - ERR
    set +E
    return $RUN_DOCS_FAILED
}
PRELUDE
}

# wait_for URL LOG PID: until URL answers, the background process PID ends or the time is up
wait_for() {
    local deadline=$((SECONDS + wait_seconds))
    until curl -sf -o /dev/null -m 5 "$1"; do
        if ! kill -0 "$3" 2>/dev/null; then echo "run-docs: the background block ended before $1 answered" >> "$2"; return 1; fi
        if [ $SECONDS -ge $deadline ]; then echo "run-docs: $1 did not answer within $wait_seconds s" >> "$2"; return 1; fi
        sleep 2
    done
}

# start_background BODY LOG URL: the block in a process group of its own; prints its id
start_background() {
    (driver_prelude; echo "source '$1'") > "$1.driver"
    setsid bash "$1.driver" > "$2" 2>&1 < /dev/null 9>&- &   # 9: the guide's FIFO, left to its shell
    local pid=$!
    echo "$pid"
    wait_for "$3" "$2" "$pid"
}

stop_background() {
    [ -n "${1:-}" ] || return 0
    kill -- "-$1" 2>/dev/null
    for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 1; done
    kill -KILL -- "-$1" 2>/dev/null
}

# write_files CLONE DIR: the guide's java and sql blocks as the files the guide names
write_files() {
    local clone=$1 dir=$2 f info path class package persistence entry
    for f in "$dir"/*.info; do
        f=${f%.info}; info=$(cat "$f.info")
        case $info in
            java)
                package=$(sed -n 's/^package \([a-zA-Z0-9_.]*\);.*/\1/p' "$f.body" | head -1)
                class=$(sed -n 's/^\(public \)\{0,1\}\(final \)\{0,1\}\(class\|interface\|record\|enum\) \([A-Za-z0-9_]*\).*/\4/p' "$f.body" | head -1)
                [ -n "$package" ] && [ -n "$class" ] || { echo "no package or class in $f.body"; return 1; }
                case $class in *IT | *Test) path=src/test/java ;; *) path=src/main/java ;; esac
                path=$path/${package//.//}/$class.java ;;
            sql)
                path=$(grep -o '`[^` ]*\.sql`' "$f.text" | tail -1 | tr -d '`')
                [ -n "$path" ] || { echo "no \`path.sql\` named before the sql block $f.body"; return 1; } ;;
            *) continue ;;
        esac
        mkdir -p "$clone/$(dirname "$path")" && cp "$f.body" "$clone/$path" && echo "wrote $path"
    done
    persistence=$(cat "$dir"/*.text | grep -o '`[^` ]*/persistence\.xml`' | head -1 | tr -d '`')
    for entry in $(cat "$dir"/*.text | grep -o '`<class>[^`<]*</class>`' | tr -d '`'); do
        [ -n "$persistence" ] || { echo "no \`persistence.xml\` named for $entry"; return 1; }
        grep -qF "$entry" "$clone/$persistence" && continue
        # after the last <class> line, indented like it
        awk -v entry="$entry" '{ lines[NR] = $0 } /<class>/ { last = NR } END {
            for (i = 1; i <= NR; i++) { print lines[i]; if (i == last) { match(lines[i], /^[ \t]*/); print substr(lines[i], 1, RLENGTH) entry } } }' \
            "$clone/$persistence" > "$clone/$persistence.new" && mv "$clone/$persistence.new" "$clone/$persistence"
        grep -qF "$entry" "$clone/$persistence" && echo "listed $entry in $persistence"
    done
}

# warnings LOG: its WARNING and SEVERE lines, each once with its count (Payara's log format shortened
# to level, message id, logger and message)
warnings() {
    awk '/WARNING|SEVERE/ && !/^\[WARNING\] *$/ {
        out = $0
        if (match($0, /\[levelValue: [0-9]+\] */)) {
            msg = substr($0, RSTART + RLENGTH); n = split($0, part, /\] \[/)
            if (msg == "[[") { getline msg; sub(/^ +/, "", msg) }
            out = part[3] " " (part[4] == "" ? "" : part[4] " ") part[5] ": " msg
        }
        print substr(out, 1, 240)
    }' "$1" | sort | uniq -c | sort -rn | sed 's/^/       /'
}

report() {   # report GUIDE BLOCK STATUS DETAIL
    summary+=("$(printf '%-6s %s block %s %s' "$3" "$1" "$2" "${4:-}")")
    printf '%-6s %s block %s %s\n' "$3" "$1" "$2" "${4:-}"
}

run_guide() {
    local guide=$1 file=${1%%#*} anchor= name clone dir driver failed=0 f n info markers out rc listed
    [ "$file" != "$guide" ] && anchor=${guide#*#}
    name=$(echo "$guide" | tr '/#.' '---')
    clone=$work/$name/clone; dir=$work/$name/blocks
    rm -rf "$work/$name" && mkdir -p "$work/$name"
    echo "== $guide: fresh clone of $source_repo in $clone"
    git clone -q "$source_repo" "$clone" || { report "$guide" - FAIL "git clone"; failures=$((failures + 1)); return; }
    [ -f "$clone/$file" ] || { report "$guide" - FAIL "no $file"; failures=$((failures + 1)); return; }
    extract "$clone/$file" "$anchor" "$dir"
    ls "$dir"/*.info > /dev/null 2>&1 || { report "$guide" - FAIL "no blocks (section $anchor?)"; failures=$((failures + 1)); return; }

    if [ -n "$(cat "$dir"/*.markers | option files /dev/stdin)" ]; then
        write_files "$clone" "$dir" > "$work/$name/files.log" 2>&1
        rc=$?; cat "$work/$name/files.log"
        [ $rc -eq 0 ] || { report "$guide" files FAIL "$(tail -1 "$work/$name/files.log")"; failures=$((failures + 1)); return; }
    fi

    # One driver shell per guide, fed block by block through a FIFO so that state carries over.
    local fifo=$work/$name/driver.fifo bg_pids=() pid
    mkfifo "$fifo"
    # setsid in a background job is no group leader, so it execs in place: $! is the group's id
    setsid bash -c "cd '$clone' && exec bash" < "$fifo" > "$work/$name/driver.log" 2>&1 &
    local driver_pid=$!
    exec 9> "$fifo"
    driver_prelude >&9
    drive() {   # drive BODY OUT: runs BODY in the guide's shell; its status
        rm -f "$2.rc"
        echo "run_block '$1' '$2'; echo \$? > '$2.rc'" >&9
        until [ -f "$2.rc" ] || ! kill -0 "$driver_pid" 2>/dev/null; do sleep 1; done
        return "$(cat "$2.rc" 2> /dev/null || echo 1)"
    }

    for f in "$dir"/*.info; do
        f=${f%.info}; n=$(basename "$f"); info=$(cat "$f.info"); markers=$f.markers; out=$f.out
        case $info in bash | sh | shell) ;; *) continue ;; esac
        if grep -q '^skip' "$markers"; then report "$guide" "$n" SKIP "$(grep '^skip' "$markers" | cut -c6-)"; continue; fi
        if [ $failed -eq 1 ] && [ -z "$(option always "$markers")" ]; then report "$guide" "$n" SKIP "(an earlier block failed)"; continue; fi
        local body=$f.body spec lines_note=
        spec=$(option lines "$markers")
        if [ -n "$spec" ]; then select_lines "$spec" "$f.body" > "$f.run"; body=$f.run; lines_note="(lines $spec of $(wc -l < "$f.body"))"; fi
        local next_out=$(printf '%s/%03d' "$dir" $((10#$n + 1)))
        local checks=$(grep '^check:' "$markers"; [ -f "$next_out.info" ] && [ -z "$(cat "$next_out.info")" ] && grep '^check:' "$next_out.markers")

        local url=$(option wait "$markers") from=$(option from "$markers") started=$(date +%s)
        if [ -n "$(option background "$markers")" ]; then
            [ -n "$url" ] || { report "$guide" "$n" FAIL "background without wait=URL"; failed=1; continue; }
            (cd "$clone" && start_background "$body" "$out" "$url") > "$f.pid"
            rc=$?; pid=$(head -1 "$f.pid"); bg_pids+=("$pid")
        elif [ -n "$from" ]; then
            # lines before FROM, then README's background block, then the rest with it running
            select_lines "-$((from - 1))" "$f.body" > "$f.before"; select_lines "$from-" "$f.body" > "$f.after"
            drive "$f.before" "$f.out1"; rc=$?
            local rdir=$work/$name/readme srv=
            extract "$clone/README.md" "" "$rdir"
            for srv in "$rdir"/*.markers; do [ -n "$(option background "$srv")" ] && break; srv=; done
            if [ $rc -eq 0 ] && [ -n "$srv" ]; then
                srv=${srv%.markers}; spec=$(option lines "$srv.markers"); url=$(option wait "$srv.markers")
                if [ -n "$spec" ]; then select_lines "$spec" "$srv.body" > "$srv.run"; else cp "$srv.body" "$srv.run"; fi
                (cd "$clone" && start_background "$srv.run" "$f.server.log" "$url") > "$f.pid" || rc=1
                pid=$(head -1 "$f.pid")
                [ $rc -ne 0 ] || { drive "$f.after" "$f.out2"; rc=$?; }
                stop_background "$pid"
            elif [ $rc -eq 0 ]; then rc=1; echo "run-docs: README.md has no background block" > "$f.out2"; fi
            cat "$f.out1" "$f.server.log" "$f.out2" > "$out" 2> /dev/null
        else
            drive "$body" "$out"; rc=$?
        fi
        local seconds=$(($(date +%s) - started)) check_failed=
        if [ "$rc" = 0 ] && [ -n "$checks" ]; then
            while IFS= read -r check; do
                OUT=$out bash -c "${check#check:}" > /dev/null 2>&1 || check_failed="${check#check: }"
            done <<< "$checks"
        fi
        if [ "$rc" != 0 ]; then
            report "$guide" "$n" FAIL "$lines_note (${seconds}s) exit status; output: $out"; failed=1
            grep '^run-docs:' "$out" | head -5 | sed 's/^/       /'
        elif [ -n "$check_failed" ]; then
            report "$guide" "$n" FAIL "$lines_note (${seconds}s) check: $check_failed; output: $out"; failed=1
        else
            report "$guide" "$n" PASS "$lines_note (${seconds}s)$([ -n "$checks" ] && echo ", $(echo "$checks" | wc -l) check(s)")"
        fi
        if [ -n "$(option background "$markers")" ] || [ -f "$f.server.log" ]; then
            echo "       WARNING and SEVERE lines in its output (count, line):"
        fi
        listed=
        if [ -n "$(option background "$markers")" ]; then
            listed=$(warnings "$out")
        elif [ -n "$from" ] && [ -f "$f.server.log" ]; then
            listed=$(warnings "$f.server.log")
        fi
        if [ -n "$(option background "$markers")" ] || [ -f "$f.server.log" ]; then
            echo "${listed:-       none}"
        fi
    done

    exec 9>&-
    for _ in $(seq 30); do kill -0 "$driver_pid" 2> /dev/null || break; sleep 1; done
    for pid in "${bg_pids[@]}"; do stop_background "$pid"; done
    # whatever the guide left running in the driver's process group (after a failure)
    kill -- "-$driver_pid" 2> /dev/null
    [ $failed -eq 0 ] || failures=$((failures + 1))
}

for guide in "$@"; do run_guide "$guide"; done
echo "== summary"
printf '%s\n' "${summary[@]}"
[ $failures -eq 0 ] && echo "all guides passed" || echo "$failures guide(s) failed"
[ $failures -eq 0 ]
