export const USAGE = `reachlab: who can talk to whom under Kubernetes NetworkPolicy, the cluster tiers
(AdminNetworkPolicy, ClusterNetworkPolicy) and the other policy kinds listed in the README

Usage:
  reachlab connlist [--format F] [--all-pairs] FILE|DIR...
                                                  every allowed connection; F is text (default),
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
sorted, external ranges included, as it finds them. Two namespaces where no policy applies
to either side print one line (ns-a/* => ns-b/* : All Connections ...); --all-pairs lists
their pairs one by one. --json prints
  {"connections": [{"from": "default/frontend", "to": "default/backend",
                    "allowed": [{"protocol": "TCP", "port": 9090}]}]}
where "allowed" is "all" or a list of {protocol, port?} (port 80 or "80-90"; no port
means every port of that protocol). An entry may also carry "otherProtocols" (IP
protocols beyond TCP/UDP/SCTP: "all", {"allExcept": [...]} or [{protocol, type?, code?}])
and "conditional" ([{protocol, ports, when}]: ports allowed only for some requests, by an
L7 rule or an external authorizer).

diff --json prints {"changes": [{"from", "to", "before", "after"}]} with before/after in
connlist's "allowed" form ("none" when nothing was allowed); diff exits 0 either way.

lesson check prints each goal with holds/fails and why; exit 0 when all hold, 1 when some
fail, 2 when the lesson file is bad (with its line). Lessons: docs/lessons.md.

probe --json prints {"verdict": "allowed"|"denied", "hops": [{"from", "to", "protocol",
"port", "verdict", "reason"}], ...}; a name that resolves to nothing exits 1.

Cluster settings (every command):
  --cni PLUGIN                 auto (default: from the policy kinds present), enforcing,
                               calico, cilium, antrea, canal, weave, kube-router,
                               flannel (does not enforce), kubenet
  --pod-cidr CIDR[,CIDR]       the pod network: IP-network peers that contain all of it
                               match every pod whose IP the manifests do not give
  --mesh auto|markers|all      which pods are in the Istio mesh (auto: injection markers,
                               or every pod when AuthorizationPolicies exist without any)
  --mesh-root-namespace NS     Istio's root namespace (default istio-system)
  --trust-domain DOMAIN        Istio trust domain (default cluster.local)
  --ingress-namespace NS       where the ingress controller runs (default ingress-nginx)
  --ingress-labels K=V[,K=V]   its pod labels (default app.kubernetes.io/name=ingress-nginx)
  --cluster-domain DOMAIN      default cluster.local

A policy kind that is not evaluated (for example a Linkerd or Antrea policy) is reported
on stderr as a warning: the verdicts ignore it. --strict makes that exit 1.

Diagnostics go to stderr as file:line:column. Exit status: 0 success, 1 when the input
has errors that dropped objects (what could be evaluated is still printed), with --strict
when some policy kind is not evaluated, when lint finds errors or a probe target resolves
to nothing; 2 on usage errors.
`;
