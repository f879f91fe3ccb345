/// The text of `fake-agent`, a POSIX shell stand-in for an agent CLI, driven by `FAKE_*` variables
/// (AGENT-RUNTIMES.md §7.2, layer 4). Tests write it into a temporary directory; nothing is declared
/// as a package resource.
enum FakeAgentScript {
    static let text = #"""
        #!/bin/sh
        # fake-agent: behaves like a (badly behaved) agent CLI, as the FAKE_* variables say.
        #   FAKE_IGNORE_TERM=1     ignore SIGTERM (inherited by everything it starts)
        #   FAKE_PID=1             print "pid:<its pid>"
        #   FAKE_ARGS=1            print each argument as "arg:<value>"
        #   FAKE_ENV=1             print its environment
        #   FAKE_STDIN=1           print "stdin:eof" when stdin is empty, else "stdin:<first line>"
        #   FAKE_CAT=<file>        print a file
        #   FAKE_LIMITS=1          print /proc/self/limits of a child
        #   FAKE_STDOUT=<text>     print a line to stdout
        #   FAKE_STDERR=<text>     print a line to stderr
        #   FAKE_BINARY=1          print invalid UTF-8, NUL, escape and CR bytes
        #   FAKE_BIG=<bytes>       print that many bytes as 100-byte lines
        #   FAKE_LONG_LINE=<bytes> print one line that long
        #   FAKE_GRANDCHILD=1      start `sleep 1000` in the background, print "grandchild:<pid>"
        #   FAKE_ESCAPE=1          start `setsid sleep 1000` (leaves the group), print "escaped:<pid>"
        #   FAKE_CLOSE_OUTPUT=1    close stdout and stderr, then hang
        #   FAKE_HANG=1            hang (sleep) after the above
        #   FAKE_SIGNAL=<name>     kill itself with that signal
        #   FAKE_EXIT=<n>          exit code (default 0)
        [ -n "$FAKE_IGNORE_TERM" ] && trap '' TERM
        [ -n "$FAKE_PID" ] && echo "pid:$$"
        if [ -n "$FAKE_ARGS" ]; then for a in "$@"; do printf 'arg:%s\n' "$a"; done; fi
        [ -n "$FAKE_ENV" ] && env
        if [ -n "$FAKE_STDIN" ]; then
            if IFS= read -r first; then echo "stdin:$first"; else echo "stdin:eof"; fi
        fi
        [ -n "$FAKE_CAT" ] && cat "$FAKE_CAT"
        [ -n "$FAKE_LIMITS" ] && cat /proc/self/limits
        [ -n "$FAKE_STDOUT" ] && printf '%s\n' "$FAKE_STDOUT"
        [ -n "$FAKE_STDERR" ] && printf '%s\n' "$FAKE_STDERR" >&2
        [ -n "$FAKE_BINARY" ] && printf 'before\n\377\376 bad utf8 \000 nul \033[31m escape\r\nafter\n'
        [ -n "$FAKE_BIG" ] && yes "$(printf '%099d' 0 | tr 0 x)" | head -c "$FAKE_BIG"
        if [ -n "$FAKE_LONG_LINE" ]; then head -c "$FAKE_LONG_LINE" /dev/zero | tr '\0' 'y'; echo; fi
        if [ -n "$FAKE_GRANDCHILD" ]; then sleep 1000 & echo "grandchild:$!"; fi
        if [ -n "$FAKE_ESCAPE" ]; then setsid sleep 1000 & echo "escaped:$!"; fi
        if [ -n "$FAKE_CLOSE_OUTPUT" ]; then exec >/dev/null 2>&1; sleep 1000; fi
        [ -n "$FAKE_HANG" ] && sleep 1000
        [ -n "$FAKE_SIGNAL" ] && kill -s "$FAKE_SIGNAL" $$
        exit "${FAKE_EXIT:-0}"
        """#
}
