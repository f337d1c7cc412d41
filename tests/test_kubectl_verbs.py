"""kubectl verbs end to end on a simulated cluster: the texts a reader sees and the return codes.

Golden texts follow staging/src/k8s.io/kubectl/pkg/cmd/{apply,create,get,delete,describe,exec,run}/ and
the real kubectl v1.32 client's offline messages; tables follow pkg/printers/internalversion/printers.go.
"""

from __future__ import annotations

import pytest

from k8stutor import Cluster

SVC = """apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: demo
  ports:
  - port: 3000
    nodePort: 30001
"""

POD = """apiVersion: v1
kind: Pod
metadata:
  name: demo
  labels:
    app: demo
spec:
  containers:
  - name: app
    image: 880831ian/kubernetes-demo
    ports:
    - containerPort: 3000
"""


@pytest.fixture
def cluster() -> Cluster:
    c = Cluster(seed=0)
    c.write_file("svc.yaml", SVC)
    c.write_file("pod.yaml", POD)
    return c


def test_apply_created_unchanged_configured(cluster):
    # upstream: kubectl/pkg/cmd/apply/apply.go (printObjects: "created", "unchanged", "configured")
    assert str(cluster.kubectl("apply -f svc.yaml")) == "service/web created\n"
    ip = cluster.store.get("Service", "web")["spec"]["clusterIP"]
    assert str(cluster.kubectl("apply -f svc.yaml")) == "service/web unchanged\n"
    cluster.write_file("svc.yaml", SVC.replace("port: 3000", "port: 3000\n    targetPort: 8080"))
    assert str(cluster.kubectl("apply -f svc.yaml")) == "service/web configured\n"
    live = cluster.store.get("Service", "web")
    assert live["spec"]["clusterIP"] == ip  # server-set fields survive a re-apply
    assert live["spec"]["ports"][0]["targetPort"] == 8080 and live["spec"]["ports"][0]["nodePort"] == 30001


def test_apply_from_stdin_and_dry_run(cluster):
    r = cluster.kubectl("apply -f - --dry-run=client", stdin=POD)
    assert (str(r), r.returncode) == ("pod/demo created (dry run)\n", 0)
    assert cluster.store.find("Pod", "demo") is None
    assert str(cluster.kubectl("apply -f -", stdin=POD)) == "pod/demo created\n"


def test_apply_usage_errors(cluster):
    r = cluster.kubectl("apply")
    assert (r.stderr, r.returncode) == ("error: must specify one of -f and -k\n", 1)
    assert (
        cluster.kubectl("apply -f nothere.yaml").stderr == 'error: the path "nothere.yaml" does not exist\n'
    )


def test_invalid_document_changes_nothing(cluster):
    cluster.write_file("bad.yaml", SVC.replace("30001", "80"))
    before = cluster.store.revision
    r = cluster.kubectl("apply -f bad.yaml")
    assert r.returncode == 1 and r.stderr.startswith('The Service "web" is invalid: spec.ports[0].nodePort')
    assert cluster.store.find("Service", "web") is None and cluster.store.revision == before


def test_create_twice_is_already_exists(cluster):
    # upstream: create.go + cmdutil.AddSourceToErr ("error when creating")
    assert str(cluster.kubectl("create -f pod.yaml")) == "pod/demo created\n"
    r = cluster.kubectl("create -f pod.yaml")
    assert (
        r.stderr == 'Error from server (AlreadyExists): error when creating "pod.yaml": '
        'pods "demo" already exists\n'
    )
    assert r.returncode == 1


def test_get_errors(cluster):
    assert cluster.kubectl("get po x").stderr == 'Error from server (NotFound): pods "x" not found\n'
    assert cluster.kubectl("get foo").stderr == 'error: the server doesn\'t have a resource type "foo"\n'
    r = cluster.kubectl("get po --foo")
    assert (r.stderr, r.returncode) == (
        "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
        1,
    )
    # upstream: get.go Run ("No resources found in %s namespace." on stderr, exit 0)
    r = cluster.kubectl("get po")
    assert (r.stdout, r.stderr, r.returncode) == ("", "No resources found in default namespace.\n", 0)


def test_get_tables_and_formats(cluster):
    cluster.kubectl("apply -f svc.yaml")
    r = cluster.kubectl("get svc web")
    ip = cluster.store.get("Service", "web")["spec"]["clusterIP"]
    assert r.stdout.splitlines()[0].split() == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    assert r.stdout.splitlines()[1].split() == ["web", "NodePort", ip, "<none>", "3000:30001/TCP", "0s"]
    assert cluster.kubectl("get svc web -o name").stdout == "service/web\n"
    assert cluster.kubectl("get svc -o jsonpath={.items[*].metadata.name}").stdout == "kubernetes web"
    assert cluster.kubectl("get svc web -o jsonpath={.spec.ports[0].nodePort}").stdout == "30001"
    assert cluster.kubectl("get svc web -o json").stdout.startswith('{\n    "apiVersion": "v1",\n')
    assert cluster.kubectl("get svc web -o yaml").stdout.startswith("apiVersion: v1\nkind: Service\n")
    wide = cluster.kubectl("get svc web -o wide --show-labels").stdout.splitlines()
    assert wide[0].split()[-2:] == ["SELECTOR", "LABELS"] and wide[1].split()[-2:] == ["app=demo", "<none>"]


def test_get_all_prefixes_names_and_separates_tables(cluster):
    cluster.kubectl("apply -f pod.yaml")
    out = cluster.kubectl("get all").stdout
    blocks = out.split("\n\n")
    assert blocks[0].splitlines()[1].startswith("pod/demo ")
    assert any(line.startswith("service/kubernetes ") for line in blocks[-1].splitlines())


def test_delete_texts(cluster):
    cluster.kubectl("apply -f svc.yaml")
    # upstream: kubectl/pkg/cmd/delete/delete.go PrintObj
    assert str(cluster.kubectl("delete svc web")) == 'service "web" deleted\n'
    assert (
        cluster.kubectl("delete svc web").stderr == 'Error from server (NotFound): services "web" not found\n'
    )
    r = cluster.kubectl("delete")
    assert r.stderr.startswith("error: You must provide one or more resources by argument or filename.\n")
    assert cluster.kubectl("delete po -l app=nothing").stderr == "No resources found in default namespace.\n"


def test_delete_pod_waits_until_gone(cluster):
    cluster.kubectl("apply -f pod.yaml")
    cluster.advance("20s")
    assert str(cluster.kubectl("delete pod demo")) == 'pod "demo" deleted\n'
    assert cluster.store.find("Pod", "demo") is None


def test_describe_service_layout(cluster):
    cluster.kubectl("apply -f svc.yaml")
    out = cluster.kubectl("describe svc web").stdout
    lines = out.splitlines()
    # upstream: describe.go describeService field order, aligned by Go's tabwriter (padding 2)
    assert [ln.split(":")[0] for ln in lines] == [
        "Name",
        "Namespace",
        "Labels",
        "Annotations",
        "Selector",
        "Type",
        "IP Family Policy",
        "IP Families",
        "IP",
        "IPs",
        "Port",
        "TargetPort",
        "NodePort",
        "Endpoints",
        "Session Affinity",
        "External Traffic Policy",
        "Internal Traffic Policy",
        "Events",
    ]
    assert lines[0] == "Name:                     web"
    assert lines[10] == "Port:                     <unset>  3000/TCP"
    assert lines[-1] == "Events:                   <none>"
    assert (
        cluster.kubectl("describe svc nope").stderr
        == 'Error from server (NotFound): services "nope" not found\n'
    )


def test_exec_errors(cluster):
    assert (
        cluster.kubectl("exec demo -- ls").stderr == 'Error from server (NotFound): pods "demo" not found\n'
    )
    r = cluster.kubectl("exec demo ls")
    assert r.stderr.startswith("Error: exec [POD] [COMMAND] is not supported anymore.")
    assert cluster.kubectl("exec").stderr == "error: pod, type/name or --filename must be specified\n"


def test_run_creates_pod(cluster):
    assert str(cluster.kubectl("run web --image=nginx --port=80")) == "pod/web created\n"
    pod = cluster.store.get("Pod", "web")
    assert pod["metadata"]["labels"] == {"run": "web"}
    assert pod["spec"]["containers"][0]["ports"] == [{"containerPort": 80, "protocol": "TCP"}]
    assert cluster.kubectl("run x").stderr == 'error: required flag(s) "image" not set\n'


def test_unknown_verb(cluster):
    r = cluster.kubectl("frobnicate")
    assert r.returncode == 1 and "unknown command" in r.stderr


def test_version(cluster):
    assert str(cluster.kubectl("version")) == (
        "Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n"
    )


def test_apply_a_directory_in_name_order(cluster):
    cluster.write_file("dir/b.yaml", SVC.replace("name: web", "name: b").replace("30001", "30002"))
    cluster.write_file("dir/a.yml", SVC.replace("name: web", "name: a").replace("30001", "30003"))
    cluster.write_file("dir/notes.txt", "not a manifest")
    assert str(cluster.kubectl("apply -f dir")) == "service/a created\nservice/b created\n"


def test_foreground_watch_stops_when_quiet(cluster):
    cluster.kubectl("apply -f svc.yaml")
    r = cluster.kubectl("get svc web -w")
    assert r.stdout.splitlines()[1].split()[:2] == ["web", "NodePort"] and r.returncode == 0


def test_same_seed_same_commands_same_bytes():
    def session() -> str:
        c = Cluster(seed=0)
        c.write_file("svc.yaml", SVC)
        c.write_file("pod.yaml", POD)
        out = [c.kubectl("apply -f svc.yaml"), c.kubectl("apply -f pod.yaml")]
        c.advance("30s")
        out += [c.kubectl("get all -o wide"), c.kubectl("describe svc web"), c.kubectl("get po demo -o json")]
        return "".join(map(str, out))

    assert session() == session()


def test_get_several_types_by_name_form(cluster):
    cluster.kubectl("apply -f svc.yaml")
    r = cluster.kubectl("get svc/web svc/nope -o name")
    assert (r.stdout, r.stderr) == (
        "service/web\n",
        'Error from server (NotFound): services "nope" not found\n',
    )


def test_label_and_annotate(cluster):
    cluster.kubectl("apply -f svc.yaml")
    # upstream: kubectl/pkg/cmd/label/label.go
    assert str(cluster.kubectl("label svc web tier=front")) == "service/web labeled\n"
    r = cluster.kubectl("label svc web tier=back")
    assert r.stderr == "error: 'tier' already has a value (front), and --overwrite is false\n"
    assert str(cluster.kubectl("label svc web tier=back --overwrite")) == "service/web labeled\n"
    assert str(cluster.kubectl("label svc web tier-")) == "service/web unlabeled\n"
    assert str(cluster.kubectl("label svc web tier-")) == "service/web not labeled\n"
    assert str(cluster.kubectl("annotate svc web note=x")) == "service/web annotated\n"


# upstream: the real kubectl v1.32 client, offline:
# `kubectl create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml`
CREATE_DEPLOYMENT_YAML = """apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
"""


def test_create_subcommands(cluster):
    r = cluster.kubectl("create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml")
    assert r.stdout == CREATE_DEPLOYMENT_YAML
    assert str(cluster.kubectl("create deployment web --image=nginx --dry-run=client")) == (
        "deployment.apps/web created (dry run)\n"
    )
    assert str(cluster.kubectl("create namespace other")) == "namespace/other created\n"
    assert cluster.store.find("Namespace", "other", "") is not None
    assert cluster.kubectl("create").stderr == "error: must specify one of -f and -k\n"


def test_run_dry_run_yaml(cluster):
    # upstream: run.go generator (label run=NAME, dnsPolicy ClusterFirst, restartPolicy Always)
    assert cluster.kubectl("run nginx --image=nginx --dry-run=client -o yaml").stdout == (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n"
        "  name: nginx\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n"
        "  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n"
    )


def test_wait(cluster):
    # upstream: kubectl/pkg/cmd/wait/wait.go texts
    cluster.kubectl("apply -f pod.yaml")
    assert str(cluster.kubectl("wait --for=condition=Ready pod/demo --timeout=120s")) == (
        "pod/demo condition met\n"
    )
    r = cluster.kubectl("wait --for=condition=Ready pod/nope")
    assert (r.stderr, r.returncode) == ('Error from server (NotFound): pods "nope" not found\n', 1)
    assert cluster.kubectl("wait pod/demo").stderr == 'error: unrecognized condition: ""\n'


def test_run_interactive_session_from_typed_lines(cluster):
    # upstream: run.go attach ("If you don't see a command prompt, try pressing enter.", then --rm's delete)
    r = cluster.sh(
        "kubectl run -i --tty --image busybox:1.28 t --restart=Never --rm /bin/sh <<EOF\necho hi\nexit\nEOF"
    )
    assert str(r) == (
        "If you don't see a command prompt, try pressing enter.\n/ # echo hi\nhi\n/ # exit\n"
        'pod "t" deleted\n'
    )
    assert cluster.store.find("Pod", "t") is None


def test_expose_and_cluster_info(cluster):
    # upstream: kubectl/pkg/cmd/expose/expose.go ("service/NAME exposed"), clusterinfo/clusterinfo.go
    cluster.kubectl("create deployment web --image=nginx --port=80")
    assert str(cluster.kubectl("expose deployment web --type=NodePort")) == "service/web exposed\n"
    svc = cluster.store.get("Service", "web")
    assert svc["spec"]["selector"] == {"app": "web"} and svc["spec"]["ports"][0]["targetPort"] == 80
    assert cluster.kubectl("cluster-info").stdout.startswith(
        "Kubernetes control plane is running at https://192.168.49.2:8443\n"
    )


def test_events_for_an_object(cluster):
    # upstream: kubectl/pkg/cmd/events/event_printer.go (LAST SEEN TYPE REASON OBJECT MESSAGE, Kind/name)
    cluster.kubectl("apply -f pod.yaml")
    cluster.advance("20s")
    lines = cluster.kubectl("events --for pod/demo").stdout.splitlines()
    assert lines[0].split() == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    assert lines[1].split()[1:4] == ["Normal", "Scheduled", "Pod/demo"]
    assert cluster.kubectl("events -n kube-public").stderr == "No events found in kube-public namespace.\n"


def test_replace(cluster):
    # upstream: kubectl/pkg/cmd/replace/replace.go
    r = cluster.kubectl("replace -f svc.yaml")
    assert (
        r.stderr
        == 'Error from server (NotFound): error when replacing "svc.yaml": services "web" not found\n'
    )
    cluster.kubectl("create -f svc.yaml")
    assert str(cluster.kubectl("replace -f svc.yaml")) == "service/web replaced\n"
    assert (
        str(cluster.kubectl("replace --force -f svc.yaml")) == 'service "web" deleted\nservice/web replaced\n'
    )


def test_logs_of_a_container_that_never_started(cluster):
    # upstream: pkg/kubelet/kubelet_pods.go validateContainerLogStatus (texts the apiserver relays)
    cluster.kubectl("run bad --image=nginx:1.161")
    r = cluster.kubectl("logs bad")
    assert r.stderr == (
        'Error from server (BadRequest): container "bad" in pod "bad" is waiting to start: '
        "ContainerCreating\n"
    )
    cluster.advance("60s")
    assert cluster.kubectl("logs bad").stderr.endswith(
        "is waiting to start: image can't be pulled\n"
    ) or cluster.kubectl("logs bad").stderr.endswith(
        "is waiting to start: trying and failing to pull image\n"
    )
    assert cluster.kubectl("logs bad -p").stderr == (
        'Error from server (BadRequest): previous terminated container "bad" in pod "bad" not found\n'
    )


def test_delete_from_a_file_names_the_file(cluster):
    # upstream: delete.go deleteResource wraps errors with cmdutil.AddSourceToErr("deleting", source)
    r = cluster.kubectl("delete -f svc.yaml")
    assert (
        r.stderr == 'Error from server (NotFound): error when deleting "svc.yaml": services "web" not found\n'
    )
    cluster.kubectl("apply -f svc.yaml")
    assert str(cluster.kubectl("delete -f svc.yaml")) == 'service "web" deleted\n'
