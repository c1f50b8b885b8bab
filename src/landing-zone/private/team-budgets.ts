import { LandingZoneSpendSettings } from '../landing-zone-spend';

/** What is wrong with the team budgets of the spend settings, naming the prop, the value and what is allowed. */
export function teamBudgetProblems(spend: LandingZoneSpendSettings | undefined): string[] {
  const teams = spend?.teamBudgets ?? [];
  if (teams.length === 0) return [];
  const problems: string[] = [];
  if (spend!.monthlyLimitUsd === undefined) {
    problems.push('spend.teamBudgets is given without spend.monthlyLimitUsd: team budgets belong to the account, like its budget; ' +
      'give them in the landing zone that creates the account budget');
  }
  const key = spend!.teamTagKey;
  if (key === undefined) {
    problems.push("spend.teamBudgets is given without spend.teamTagKey: name the principal tag that holds the team, e.g. teamTagKey: 'team'");
  } else if (!/^[\w.:/=+\-@ ]{1,128}$/.test(key)) {
    problems.push(`spend.teamTagKey is '${key}'; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@`);
  }
  const ids = teams.map(t => teamConstructId(t.team));
  teams.forEach((t, i) => {
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u.test(t.team)) {
      problems.push(`spend.teamBudgets[${i}].team is '${t.team}'; expected a tag value of 1 to 256 letters, digits, spaces and _.:/=+-@`);
    } else if (ids[i] === '') {
      problems.push(`spend.teamBudgets[${i}].team is '${t.team}'; expected at least one ASCII letter or digit, which name the team's budget`);
    } else if (ids.indexOf(ids[i]) !== i) {
      problems.push(`spend.teamBudgets[${i}].team '${t.team}' repeats a team (or differs from one only by punctuation); give each team one budget`);
    }
  });
  return problems;
}

/** The construct id part of a team: its letters and digits, so the budget's logical ID follows the team, not its position. */
export function teamConstructId(team: string): string {
  return team.replace(/[^A-Za-z0-9]/g, '');
}

/** What is wrong with the workloads of the spend settings (their application inference profiles). */
export function workloadProblems(spend: LandingZoneSpendSettings | undefined): string[] {
  const workloads = spend?.workloads ?? [];
  if (workloads.length === 0) return [];
  const problems: string[] = [];
  const key = spend!.workloadTagKey;
  if (key === undefined) {
    problems.push("spend.workloads is given without spend.workloadTagKey: name the tag that holds the workload, e.g. workloadTagKey: 'workload'");
  } else if (!/^[\w.:/=+\-@ ]{1,128}$/.test(key) || key.toLowerCase().startsWith('aws:')) {
    problems.push(`spend.workloadTagKey is '${key}'; expected a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with aws:`);
  }
  const ids = workloads.map(teamConstructId);
  workloads.forEach((w, i) => {
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u.test(w) || ids[i] === '') {
      problems.push(`spend.workloads[${i}] is '${w}'; expected a tag value of 1 to 256 letters, digits, spaces and _.:/=+-@ with at least one ASCII letter or digit`);
    } else if (ids.indexOf(ids[i]) !== i) {
      problems.push(`spend.workloads[${i}] '${w}' repeats a workload (or differs from one only by punctuation); name each workload once`);
    }
  });
  return problems;
}
