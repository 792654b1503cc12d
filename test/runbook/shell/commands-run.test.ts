import { describe, expect, it } from 'vitest';
import { parseShell } from '../../../src/runbook/shell/parse-shell.ts';
import { commandSites } from '../../../src/runbook/shell/walk.ts';

/** The commands a script runs that start with `name`, as "line: wrapper > wrapper: text" (scripts start on runbook line 10). */
const runs = (source: string, name: string) =>
  commandSites(parseShell(source, 10))
    .filter((site) => site.command.name?.value === name)
    .map((site) => `${site.command.line}: ${site.wrappers.map((wrapper) => wrapper.nested?.via).join(' > ')}: ${site.command.text}`);

describe('the command a wrapper runs, with its options read as getopt reads them', () => {
  it('skips a cluster whose last letter takes the next word, and a value glued on', () => {
    expect(runs('sudo -iu ats pm2 restart all', 'pm2')).toEqual(['10: sudo: pm2 restart all']);
    expect(runs('sudo -Hu ats -- pm2 restart all', 'pm2')).toEqual(['10: sudo: pm2 restart all']);
    expect(runs('sudo -Euats pm2 restart all', 'pm2')).toEqual(['10: sudo: pm2 restart all']);
    expect(runs('sudo --user=ats --login pm2 restart all', 'pm2')).toEqual(['10: sudo: pm2 restart all']);
  });

  it('runuser -u runs words; runuser in su’s manner runs its -c string', () => {
    expect(runs('runuser -u ats -- pm2 restart all', 'pm2')).toEqual(['10: runuser: pm2 restart all']);
    expect(runs("runuser -l ats -c 'pm2 restart all'", 'pm2')).toEqual(['10: runuser -c: pm2 restart all']);
    expect(runs("su -l ats -c 'pm2 restart all'", 'pm2')).toEqual(['10: su -c: pm2 restart all']);
    expect(runs('runuser -l ats', 'ats')).toEqual([]);
  });

  it('other ways to run as another user or root: gosu, chroot, nsenter, systemd-run', () => {
    expect(runs('gosu ats pm2 restart all\nchroot /srv/jail pm2 restart all', 'pm2')).toHaveLength(2);
    expect(runs('nsenter -t 1 -m -u pm2 restart all\nsystemd-run --uid=ats pm2 restart all', 'pm2')).toHaveLength(2);
  });
});

describe('a shell whose script reaches it on standard input', () => {
  it('through a wrapper: sudo bash, sudo su -, sudo -i with a here-document', () => {
    expect(runs("sudo -u ats bash <<'EOF'\npm2 restart all\nEOF", 'pm2')).toEqual(['11: sudo > bash: pm2 restart all']);
    expect(runs("sudo su - ats <<'EOF'\npm2 restart all\nEOF", 'pm2')).toEqual(['11: sudo > su: pm2 restart all']);
    expect(runs('sudo -iu ats <<EOF\npm2 restart all\nEOF', 'pm2')).toEqual(['11: sudo: pm2 restart all']);
    expect(runs('sudo -u ats bash -s -- one two <<<"pm2 restart all"', 'pm2')).toEqual(['10: sudo > bash: pm2 restart all']);
    expect(runs("sudo -u ats bash < <(echo 'pm2 restart all')", 'pm2')).toEqual(['10: sudo > bash: pm2 restart all']);
  });

  it('through ssh: the remote command is the shell that reads it', () => {
    expect(runs("ssh app01 bash -s <<'EOF'\npm2 restart all\nEOF", 'pm2')).toEqual(['11: ssh > bash: pm2 restart all']);
    expect(runs("ssh app01 'sudo -iu ats bash' <<'EOF'\npm2 restart all\nEOF", 'pm2')).toEqual(['11: ssh > sudo > bash: pm2 restart all']);
  });

  it('from a pipe: what echo, printf or cat <<EOF print before it', () => {
    expect(runs("echo 'iptables -F' | sudo sh", 'iptables')).toEqual(['10: sudo > sh: iptables -F']);
    expect(runs("printf '%s\\n' 'pm2 save' 'pm2 restart all' | bash", 'pm2')).toEqual(['10: bash: pm2 save', '10: bash: pm2 restart all']);
    expect(runs("cat <<'EOF' | sh\nnft flush ruleset\nEOF", 'nft')).toEqual(['11: sh: nft flush ruleset']);
    expect(runs('echo -e "pm2 save\\npm2 restart all" | bash', 'pm2')).toHaveLength(2);
  });

  it('but not what a shell reads from a file, nor the arguments xargs reads', () => {
    expect(runs("echo 'pm2 restart all' | bash script.sh", 'pm2')).toEqual([]);
    expect(runs("echo 'pm2 restart all' | xargs -0 sh", 'pm2')).toEqual([]);
    expect(runs("echo 'pm2 restart all'\nbash", 'pm2')).toEqual([]);
  });

  it('reads a here-document fed back to a shell once', () => {
    expect(runs('bash <<EOF\nbash\nEOF', 'bash')).toEqual(['10: : bash', '11: bash: bash']);
  });
});

describe('multi-host runners run their command string on every host', () => {
  it('pdsh, clush, parallel-ssh and pssh', () => {
    expect(runs('pdsh -w app[01-04] -l ats pm2 restart all', 'pm2')).toEqual(['10: pdsh: pm2 restart all']);
    expect(runs("clush -w app[1-3] -b 'pm2 restart all'", 'pm2')).toEqual(['10: clush: pm2 restart all']);
    expect(runs("parallel-ssh -h hosts.txt -t 30 'pm2 restart all'", 'pm2')).toEqual(['10: parallel-ssh: pm2 restart all']);
    expect(runs("pssh -i -H app01 -H app02 'pm2 restart all'", 'pm2')).toEqual(['10: pssh: pm2 restart all']);
  });

  it('ansible’s command, shell and raw modules; other modules run no command line', () => {
    expect(runs("ansible ats -b -m shell -a 'pm2 restart all'", 'pm2')).toEqual(['10: ansible -m shell: pm2 restart all']);
    expect(runs("ansible all -a 'pm2 restart all' -i hosts", 'pm2')).toEqual(['10: ansible -m command: pm2 restart all']);
    expect(runs("ansible all -m ansible.builtin.raw --args='pm2 restart all'", 'pm2')).toHaveLength(1);
    expect(runs("ansible all -m copy -a 'src=pm2 dest=/tmp/pm2'", 'pm2')).toEqual([]);
  });
});
