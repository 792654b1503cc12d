/**
 * The operator shell's rc file: an interactive bash that records every
 * command line it runs, and prints the game day's status line before each
 * prompt.
 *
 * How commands are recorded, and why this way: bash expands PS0 once after it
 * has read a command line and before it runs it, and PROMPT_COMMAND runs after
 * it finished, before the next prompt.
 *
 *   PS0            → S <epoch µs> <history number> <the line, from `history 1`>
 *   PROMPT_COMMAND → E <epoch µs> <history number> <exit status>
 *
 * Records end with NUL (a line may hold anything but NUL). This catches what
 * a timestamped HISTFILE does not: the start to the microsecond (HISTTIMEFORMAT
 * has seconds), a command still running when the clock stops (its S is
 * written before it runs; `history -a` writes only after), failed commands and
 * their exit status; and a compound command typed over several lines is one
 * record, as bash's history keeps it. A DEBUG trap would see each simple
 * command separately (and PROMPT_COMMAND's own). An empty line, or a comment,
 * runs nothing and writes no S. History is on with nothing ignored
 * (HISTCONTROL and HISTIGNORE empty), in a file of the sandbox.
 * An operator who turns history off (`set +o history`) is no longer recorded:
 * this is a rehearsal, not surveillance.
 */
import type { GameDayFiles } from './game-day-files.ts';

/** bash single-quoted. */
const q = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function operatorRc(files: GameDayFiles): string {
  return `# Written by firedrill gameday: the operator's shell (src/gameday/shell-rc.ts).
HISTFILE=${q(files.history)}
HISTCONTROL=
HISTIGNORE=
HISTSIZE=100000
__firedrill_log=${q(files.commandLog)}
__firedrill_status=${q(files.status)}
__firedrill_last=
__firedrill_started() {
  local HISTTIMEFORMAT= n line
  read -r n line <<<"$(history 1)"
  printf 'S\\t%s\\t%s\\t%s\\0' "$EPOCHREALTIME" "$n" "$line" >>"$__firedrill_log"
}
__firedrill_prompt() {
  local status=$? HISTTIMEFORMAT= n line
  read -r n line <<<"$(history 1)"
  if [ "$n" != "$__firedrill_last" ]; then
    printf 'E\\t%s\\t%s\\t%s\\0' "$EPOCHREALTIME" "$n" "$status" >>"$__firedrill_log"
    __firedrill_last=$n
  fi
  __firedrill_status_line
}
# The status file: the page's epoch seconds, the time limit's, then the line. Printed only between commands.
__firedrill_status_line() {
  local page limit rest
  { IFS= read -r page && IFS= read -r limit && IFS= read -r rest; } <"$__firedrill_status" 2>/dev/null || return 0
  local since=$((EPOCHSECONDS - page)) left=$((limit - EPOCHSECONDS))
  [ "$left" -lt 0 ] && left=0
  local line
  printf -v line '[firedrill +%02d:%02d since the page, %02d:%02d left] %s' $((since / 60)) $((since % 60)) $((left / 60)) $((left % 60)) "$rest"
  printf '%s\\n' "\${line:0:$((\${COLUMNS:-161} - 1))}"
}
PS0='$(__firedrill_started)'
PROMPT_COMMAND=__firedrill_prompt
PS1='oncall:\\w\\$ '
`;
}
