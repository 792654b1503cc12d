import { defineRule } from '../rule.ts';
import { sectionsTitled, sectionText } from '../code-lines.ts';

const slackHandle = /(?:^|[\s`(|,])@[a-z0-9][\w.-]*/i;
/** PagerDuty schedule (and escalation policy) ids: P and six upper-case letters or digits. */
const pagerDutyId = /\bP[A-Z0-9]{6}\b/;

export const routableContacts = defineRule({
  id: 'routable-contacts',
  description: 'The contacts section names a Slack handle and a PagerDuty schedule ID, so a 3 AM page reaches a person',
  severity: 'error',
  check(runbook) {
    const sections = sectionsTitled(runbook, /contact|escalation|on-call/i);
    const first = sections[0];
    if (!first) {
      return [
        {
          ruleId: this.id,
          line: 1,
          message: 'no "Contacts and escalation" section: add one naming a Slack handle (@sre-team) and a PagerDuty schedule ID (P…)',
        },
      ];
    }
    const text = sections.map((section) => sectionText(runbook, section)).join('\n');
    const missing = [
      ...(slackHandle.test(text) ? [] : ['Slack handle (e.g. @sre-team)']),
      ...(pagerDutyId.test(text) ? [] : ['PagerDuty schedule ID (e.g. P7X2K9Q)']),
    ];
    if (missing.length === 0) return [];
    return [
      {
        ruleId: this.id,
        line: first.line,
        message: `section "${first.title}" names no ${missing.join(' and no ')}: name who gets paged, not a team`,
      },
    ];
  },
});
