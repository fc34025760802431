import { Route } from './alerts-config';
import { Labels, labelValue } from './labels';
import { matchesAll } from './matchers';

/**
 * The routes a finding goes to, depth first as in Alertmanager: a route matches when its matchers
 * do; of its children the first matching one takes the finding unless it says `continue`, and a
 * route none of whose children match takes it itself. The root matches everything.
 */
export function routeFinding(root: Route, labels: Labels): Route[] {
  return matchRoute(root, labels) ?? [root];
}

function matchRoute(route: Route, labels: Labels): Route[] | undefined {
  if (!matchesAll(labels, route.matchers)) return undefined;
  const taken: Route[] = [];
  for (const child of route.routes) {
    const matched = matchRoute(child, labels);
    if (!matched) continue;
    taken.push(...matched);
    if (!child.continue) break;
  }
  return taken.length > 0 ? taken : [route];
}

/** The group a finding joins on a route: the route, its receiver and the values of its group_by labels. */
export function groupOf(route: Route, labels: Labels): { key: string; labels: Record<string, string> } {
  // `...` groups by every label: each finding then is a group of its own.
  const names = route.groupBy.includes('...') ? ['id'] : route.groupBy;
  const values: Record<string, string> = {};
  for (const name of names) values[name] = labelValue(labels, name);
  return { key: `${route.id}/${route.receiver}/${JSON.stringify(values)}`, labels: values };
}

export function allRoutes(root: Route): Route[] {
  return [root, ...root.routes.flatMap(allRoutes)];
}
