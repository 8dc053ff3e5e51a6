/// <reference lib="webworker" />
import { expose } from 'comlink';
import { AnalysisSession } from './analysisSession.ts';

// The engine runs here so that parsing and evaluating never block typing or panning.
const session = new AnalysisSession();

const api = {
  analyze: session.analyzeForPage.bind(session),
  lastWhole: session.lastWhole.bind(session),
  findings: session.findingsFor.bind(session),
  explain: session.explain.bind(session),
  probe: session.probe.bind(session),
  deniedBy: session.deniedBy.bind(session),
};

export type AnalysisApi = typeof api;

expose(api);
