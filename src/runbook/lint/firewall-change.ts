/**
 * Whether a command changes the host's packet filter, read as each tool reads
 * its arguments. Changes: iptables, ip6tables, ebtables and arptables (and
 * their -legacy/-nft forms) with a command that is not a listing or check,
 * their -restore and iptables-apply; `nft` with anything but `list`,
 * `monitor`, `describe` or `-c`; firewall-cmd with any option that is not a
 * `--list-*`, `--get-*`, `--query-*`, `--info-*` or `--state`. Listings
 * (`iptables -nvL`, `nft list ruleset`, `firewall-cmd --list-all`) and dumps
 * (`iptables-save`) change nothing.
 */
import type { ShellWord } from '../shell/shell-model.ts';

const xtables = /^(ip6?|eb|arp)tables(-(legacy|nft))?$/;
const restore = /^(ip6?|eb|arp)tables(-(legacy|nft))?-restore$|^iptables-apply$/;
/** iptables' commands that only read (man iptables: -L, -S, -C, -V, -h). */
const readCommands = /^--(list|list-rules|check|version|help)$/;
const changeCommands = /^--(append|insert|delete|replace|flush|zero|new-chain|delete-chain|policy|rename-chain)$/;

function xtablesChanges(args: readonly ShellWord[]): boolean {
  const words = args.map((arg) => arg.value);
  const letters = words.filter((word) => /^-[a-zA-Z]+$/.test(word)).join('');
  if (/[AIDRFZNXPE]/.test(letters) || words.some((word) => changeCommands.test(word))) return true;
  return !/[LSCVh]/.test(letters) && !words.some((word) => readCommands.test(word));
}

const nftReads = new Set(['list', 'monitor', 'describe', 'help']);
const nftValued = new Set(['-f', '--file', '-I', '--includepath', '-D', '--define']);

function nftChanges(args: readonly ShellWord[]): boolean {
  const words = args.map((arg) => arg.value);
  if (words.some((word) => /^(-[a-zA-Z]*[cvh][a-zA-Z]*|--check|--version|--help)$/.test(word))) return false;
  const command = words.find((word, index) => !word.startsWith('-') && !nftValued.has(words[index - 1] ?? ''));
  if (command === undefined) return words.some((word) => word === '-f' || word === '--file'); // loads a ruleset file
  return !nftReads.has(command.trim().split(/\s+/)[0]!); // `nft 'add rule …'` is one word
}

const firewalldReads = /^--(list-|get-|query-|info-|state$|version$|help$|check-config$)/;
const firewalldSelectors = /^--(zone|permanent|policy|ipset|service|helper|icmptype|timeout|direct)$/;

function firewalldChanges(args: readonly ShellWord[]): boolean {
  const options = args.map((arg) => arg.value.split('=')[0]!).filter((word) => word.startsWith('--'));
  return options.some((option) => !firewalldReads.test(option) && !firewalldSelectors.test(option));
}

/** True when the command `name` (a basename) with these arguments changes the packet filter. */
export function changesFirewall(name: string, args: readonly ShellWord[]): boolean {
  if (restore.test(name)) return !args.some((arg) => /^(-t|--test)$/.test(arg.value));
  if (xtables.test(name)) return xtablesChanges(args);
  if (name === 'nft') return nftChanges(args);
  if (name === 'firewall-cmd' || name === 'firewall-offline-cmd') return firewalldChanges(args);
  return false;
}
