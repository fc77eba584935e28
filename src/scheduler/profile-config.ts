import type { ExtensionPointName, PluginSet, SchedulerProfileConfig } from '../model/scheduler-config.js';
import type { Plugin } from './framework.js';
import { DEFAULT_PLUGIN_WEIGHTS, newPlugin, type DefaultProfileOptions, type ExtensionPoint, type Profile, type ProfilePlugin } from './profile.js';

const POINTS: readonly ExtensionPoint[] = ['preFilter', 'filter', 'postFilter', 'preScore', 'score'];

interface Entry {
  name: string;
  weight?: number;
}

/**
 * mergePluginSet (apis/config/v1/default_plugins.go): defaults minus the
 * disabled ones ("*" disables all), a default named again in `enabled` is
 * replaced in place, other enabled plugins are appended.
 */
function merge(defaults: readonly Entry[], custom: PluginSet | undefined): Entry[] {
  if (custom === undefined) return [...defaults];
  const disabled = new Set(custom.disabled);
  const byName = new Map(custom.enabled.map((p, i) => [p.name, { p, i }]));
  const replaced = new Set<number>();
  const out: Entry[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults) {
      if (disabled.has(d.name)) continue;
      const c = byName.get(d.name);
      if (c !== undefined) replaced.add(c.i);
      out.push(c !== undefined ? { name: c.p.name, ...(c.p.weight !== undefined ? { weight: c.p.weight } : {}) } : d);
    }
  }
  custom.enabled.forEach((p, i) => {
    if (!replaced.has(i)) out.push({ name: p.name, ...(p.weight !== undefined ? { weight: p.weight } : {}) });
  });
  return out;
}

/**
 * A Profile from a KubeSchedulerProfile: MultiPoint merged over the default
 * plugins, then each extension point's own PluginSet decides whether a plugin
 * runs there (disabled there, or "*" without enabling it again); a weight
 * given at `score` takes precedence over the MultiPoint one (getScoreWeights),
 * 0 meaning 1. Unknown plugin names are an error for the caller to report.
 */
export function profileFromConfig(config: SchedulerProfileConfig, options: DefaultProfileOptions = {}): { profile: Profile; unknown: string[] } {
  const defaults = DEFAULT_PLUGIN_WEIGHTS.map(([name, weight]) => ({ name, ...(weight !== undefined ? { weight } : {}) }));
  const multi = merge(defaults, config.plugins.multiPoint);
  const names = [...multi.map((e) => e.name)];
  for (const point of POINTS) for (const p of config.plugins[point]?.enabled ?? []) if (!names.includes(p.name)) names.push(p.name);
  const unknown: string[] = [];
  const plugins: ProfilePlugin[] = [];
  const pluginOptions = { ...options, pluginConfig: config.pluginConfig, schedulerName: config.schedulerName };
  for (const name of names) {
    const plugin = newPlugin(name, pluginOptions);
    if (plugin === undefined) {
      unknown.push(name);
      continue;
    }
    const inMulti = multi.find((e) => e.name === name);
    const disabled = POINTS.filter((point) => !enabledAtPoint(name, inMulti !== undefined, config.plugins[point]));
    const scoreWeight = config.plugins.score?.enabled.find((p) => p.name === name)?.weight;
    const weight = scoreWeight || inMulti?.weight || undefined;
    plugins.push({ plugin: plugin as Plugin, ...(weight !== undefined ? { weight } : {}), ...(disabled.length > 0 ? { disabled } : {}) });
  }
  const profile: Profile = {
    schedulerName: config.schedulerName,
    plugins,
    ...(config.percentageOfNodesToScore !== undefined ? { percentageOfNodesToScore: config.percentageOfNodesToScore } : {}),
  };
  return { profile, unknown };
}

function enabledAtPoint(name: string, inMulti: boolean, set: PluginSet | undefined): boolean {
  if (set?.enabled.some((p) => p.name === name)) return true;
  if (!inMulti) return false;
  if (set === undefined) return true;
  return !set.disabled.includes(name) && !set.disabled.includes('*');
}

export type { ExtensionPointName };
