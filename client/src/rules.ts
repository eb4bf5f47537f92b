/**
 * "Turn rules on or off": every rule as a check box (the package's cmrlint.rules settings, with their
 * descriptions), checked unless set to "off"; the choice is written to cmrlint.rules of the workspace (or the
 * user's settings without a folder), keeping each rule's other severity.
 */
import { ConfigurationTarget, ExtensionContext, QuickPickItem, window, workspace } from 'vscode';

interface RuleSchema {
  description?: string;
}

/** The rules the package declares, with their descriptions. */
function declaredRules(context: ExtensionContext): Array<[string, string]> {
  const pkg = context.extension.packageJSON as {
    contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, RuleSchema> }> } };
  };
  const props = pkg.contributes?.configuration?.properties?.['cmrlint.rules']?.properties;
  return Object.entries(props ?? {}).map(([id, s]) => [id, s.description ?? '']);
}

/** The cmrlint.rules value after turning off those not in `on` and back on those in it. */
export function toggledRules(current: Record<string, string>, all: readonly string[], on: ReadonlySet<string>): Record<string, string> {
  const next: Record<string, string> = { ...current };
  for (const id of all) {
    if (!on.has(id)) next[id] = 'off';
    else if (next[id] === 'off') delete next[id];
  }
  return next;
}

export async function toggleRules(context: ExtensionContext): Promise<void> {
  const config = workspace.getConfiguration('cmrlint');
  const current = config.get<Record<string, string>>('rules', {});
  const rules = declaredRules(context);
  const items: Array<QuickPickItem & { id: string }> = rules.map(([id, description]) => ({
    id,
    label: id,
    detail: description,
    picked: current[id] !== 'off',
  }));
  const chosen = await window.showQuickPick(items, {
    canPickMany: true,
    title: 'cmrlint: rules on',
    placeHolder: 'Uncheck a rule to turn it off',
  });
  if (!chosen) return;
  const next = toggledRules(
    current,
    rules.map(([id]) => id),
    new Set(chosen.map((c) => c.id)),
  );
  const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  await config.update('rules', next, target);
}
