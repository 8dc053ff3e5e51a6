/** Reachlab's engine: manifests in, exact and explained NetworkPolicy reachability out. */

export * from './analyze.ts';
export * from './diagnostics.ts';
export * from './findings/findings.ts';
export * from './model/buildModel.ts';
export * from './model/types.ts';
export * from './overrides/applyOverrides.ts';
export * from './parse/parseSources.ts';
export * from './policy/connectionSet.ts';
export * from './policy/ipv4.ts';
export * from './policy/matchSelector.ts';
export * from './policy/peers.ts';
export * from './policy/resolvePorts.ts';
export * from './reach/connectionList.ts';
export * from './reach/connectionTable.ts';
export * from './reach/explain.ts';
export * from './reach/reachability.ts';
export * from './routes/assumedComponents.ts';
export * from './routes/hopVerdict.ts';
export * from './routes/matchIngress.ts';
export * from './routes/probe.ts';
export * from './routes/serviceBackends.ts';
export * from './routes/settings.ts';
export * from './routes/targetPorts.ts';
export * from './schema/validateObject.ts';
