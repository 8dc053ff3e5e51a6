export const USAGE = `reachlab: who can talk to whom under Kubernetes NetworkPolicy

Usage:
  reachlab connlist [--format F] FILE|DIR...      every allowed connection; F is text (default),
                                                  json (same as --json), csv, md or dot
  reachlab diff OLD NEW [--json]                  pairs and ports opened or closed between two versions
  reachlab exposure FILE|DIR... [--pod NS:K=V,...] [--json]
                                                  what a new pod (no labels, or these) would accept
                                                  and reach, per namespace
  reachlab fix FROM TO FILE|DIR... --want allowed|denied [--port PORT[/PROTOCOL]] [--output FILE]
                                                  smallest verified change for that pair, with side
                                                  effects; --output writes the patched manifests
  reachlab lesson check LESSON [FILE|DIR...]      a lesson's goals on its manifests or on yours
  reachlab explain FROM TO FILE|DIR...            why FROM can or cannot reach TO
  reachlab probe FROM TARGET FILE|DIR... [--json] follow a request hop by hop
  reachlab lint [--json] FILE|DIR...              design findings with a one-line fix each
  reachlab stats FILE|DIR...                      counts and timings as one JSON object
  reachlab --help                                 this text

FILE|DIR: YAML or JSON manifests (multi-document YAML, kind: List, helm template or
kustomize build output). Directories are read recursively (*.yaml, *.yml, *.json).

FROM / TO: a workload as namespace/name (a Deployment, StatefulSet, DaemonSet, Job,
CronJob, ReplicaSet, ReplicationController, or a Pod grouped under its controller owner),
or an IPv4 address or CIDR for an external endpoint (e.g. 8.8.8.8 or 10.0.0.0/8).
For probe, FROM may also be "internet", and TARGET is what a client would use: a Service
name (svc, svc.ns, svc.ns.svc.cluster.local) with an optional :port or :port-name, a pod
or external IP with :port, or an Ingress URL (https://host/path).

connlist prints lines like
  default/frontend => default/backend : TCP 9090
sorted, external ranges included. --json prints
  {"connections": [{"from": "default/frontend", "to": "default/backend",
                    "allowed": [{"protocol": "TCP", "port": 9090}]}]}
where "allowed" is "all" or a list of {protocol, port?} (port 80 or "80-90"; no port
means every port of that protocol).

diff --json prints {"changes": [{"from", "to", "before", "after"}]} with before/after in
connlist's "allowed" form ("none" when nothing was allowed); diff exits 0 either way.

lesson check prints each goal with holds/fails and why; exit 0 when all hold, 1 when some
fail, 2 when the lesson file is bad (with its line). Lessons: docs/lessons.md.

probe --json prints {"verdict": "allowed"|"denied", "hops": [{"from", "to", "protocol",
"port", "verdict", "reason"}], ...}; a name that resolves to nothing exits 1.

Cluster settings (probe, lint):
  --cni PLUGIN                 enforcing (default), calico, cilium, antrea, canal, weave,
                               kube-router, flannel (does not enforce), kubenet
  --ingress-namespace NS       where the ingress controller runs (default ingress-nginx)
  --ingress-labels K=V[,K=V]   its pod labels (default app.kubernetes.io/name=ingress-nginx)
  --cluster-domain DOMAIN      default cluster.local

Diagnostics go to stderr as file:line:column. Exit status: 0 success, 1 when the input
has errors that dropped objects (what could be evaluated is still printed), when lint
finds errors or a probe target resolves to nothing; 2 on usage errors.
`;
