"""The kubelet and the container runtime on node minikube.

Golden texts: pkg/kubelet/images/image_manager.go (v1.32: Pulling/Pulled/Failed/BackOff messages),
pkg/kubelet/kuberuntime/kuberuntime_container.go (Created/Started/Killing), pkg/kubelet/kuberuntime/
kuberuntime_manager.go (Back-off restarting failed container), dockerd registry errors (cri-dockerd is
minikube's runtime with the docker driver), runc's exec error text.
"""

from __future__ import annotations

import pytest

from k8stutor import Cluster
from k8stutor.api.events import for_object
from k8stutor.controllers.kubelet import go_duration
from k8stutor.node import exec as node_exec
from k8stutor.node.images import lookup, parse


def pod(name: str, image: str, **extra) -> dict:
    container = {"name": name, "image": image, **extra}
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": [container]},
    }


def events(c: Cluster, name: str) -> list[tuple[str, str, str]]:
    return [(e["type"], e["reason"], e["message"]) for e in for_object(c.store, c.store.get("Pod", name))]


def test_minikube_start_leaves_the_kube_system_pods_running():
    c = Cluster()
    names = [p["metadata"]["name"] for p in c.store.list("Pod", "kube-system")]
    assert names[0].startswith("coredns-668d6bf9bc-") and names[4].startswith("kube-proxy-")
    assert names[1:4] + names[5:] == [
        "etcd-minikube",
        "kube-apiserver-minikube",
        "kube-controller-manager-minikube",
        "kube-scheduler-minikube",
        "storage-provisioner",
    ]
    assert all(p["status"]["phase"] == "Running" for p in c.store.list("Pod", "kube-system"))
    coredns = c.store.list("Pod", "kube-system")[0]
    assert coredns["status"]["podIP"] == "10.244.0.2"
    assert c.store.get("Service", "kube-dns", "kube-system")["spec"]["clusterIP"] == "10.96.0.10"
    assert c.store.get("Service", "kubernetes")["spec"]["clusterIP"] == "10.96.0.1"
    sc = c.store.get("StorageClass", "standard")
    assert sc["provisioner"] == "k8s.io/minikube-hostpath"
    assert sc["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"] == "true"
    node = c.store.get("Node", "minikube")
    assert node["status"]["addresses"][0] == {"address": "192.168.49.2", "type": "InternalIP"}
    # the cluster is older than anything the learner makes
    assert c.clock.seconds_since(node["metadata"]["creationTimestamp"]) > 60


def test_pod_lifecycle_and_kubelet_events():
    c = Cluster()
    c.store.create(pod("web", "nginx"))
    c.settle()
    p = c.store.get("Pod", "web")
    assert p["spec"]["nodeName"] == "minikube"
    assert p["status"]["containerStatuses"][0]["state"] == {"waiting": {"reason": "ContainerCreating"}}
    c.advance("30s")
    p = c.store.get("Pod", "web")
    assert p["status"]["phase"] == "Running" and p["status"]["podIP"] == "10.244.0.3"
    evs = events(c, "web")
    assert evs[0] == ("Normal", "Scheduled", "Successfully assigned default/web to minikube")
    assert evs[1] == ("Normal", "Pulling", 'Pulling image "nginx"')
    assert evs[2][1] == "Pulled" and evs[2][2].startswith('Successfully pulled image "nginx" in ')
    assert evs[2][2].endswith("including waiting). Image size: 192004242 bytes.")
    assert evs[3:] == [
        ("Normal", "Created", "Created container web"),  # v1.33 (#130471) adds a colon
        ("Normal", "Started", "Started container web"),
    ]


def test_image_already_present_is_not_pulled_with_if_not_present():
    c = Cluster()
    c.store.create(pod("a", "nginx:1.27"))
    c.advance("30s")
    c.store.create(pod("b", "nginx:1.27"))
    c.advance("5s")
    assert events(c, "b")[1] == (
        "Normal",
        "Pulled",
        'Container image "nginx:1.27" already present on machine',
    )


def test_unknown_tag_ends_in_image_pull_back_off():
    c = Cluster()
    c.store.create(pod("bad", "nginx:1.161"))
    c.advance("5s")
    err = "Error response from daemon: manifest for nginx:1.161 not found: manifest unknown: manifest unknown"
    assert ("Warning", "Failed", f'Failed to pull image "nginx:1.161": {err}') in events(c, "bad")
    assert ("Warning", "Failed", "Error: ErrImagePull") in events(c, "bad")
    assert ("Normal", "BackOff", 'Back-off pulling image "nginx:1.161"') in events(c, "bad")
    waiting = c.store.get("Pod", "bad")["status"]["containerStatuses"][0]["state"]["waiting"]
    assert waiting == {
        "reason": "ImagePullBackOff",
        "message": f'Back-off pulling image "nginx:1.161": ErrImagePull: {err}',
    }
    assert c.store.get("Pod", "bad")["status"]["phase"] == "Pending"


def test_unknown_repository_error_text():
    with pytest.raises(Exception) as exc:
        lookup("non-existing-repo/non-existing-image:example")
    assert str(exc.value) == (
        "Error response from daemon: pull access denied for non-existing-repo/non-existing-image,"
        " repository does not exist or may require 'docker login': denied: requested access to "
        "the resource is denied"
    )


def test_image_references_normalise_as_docker_does():
    assert parse("nginx").repo == "docker.io/library/nginx" and parse("nginx").tag == "latest"
    assert parse("880831ian/kubernetes-demo:v1").familiar == "880831ian/kubernetes-demo"
    assert parse("registry.k8s.io/nginx-slim:0.8").repo == "registry.k8s.io/nginx-slim"
    assert lookup("k8s.gcr.io/nginx-slim:0.8").app.name == "nginx"


def test_pull_policy_defaults_by_tag():
    c = Cluster()
    for name, image, policy in (
        ("a", "nginx", "Always"),
        ("b", "nginx:latest", "Always"),
        ("c", "nginx:1.27", "IfNotPresent"),
    ):
        assert c.store.create(pod(name, image))["spec"]["containers"][0]["imagePullPolicy"] == policy


def test_graceful_delete_waits_for_the_process():
    """nginx exits on SIGTERM; node as PID 1 ignores it, so the demo pod takes the 30 s grace period."""
    c = Cluster()
    c.store.create(pod("web", "nginx:1.27"))
    c.store.create(pod("demo", "880831ian/kubernetes-demo"))
    c.advance("30s")
    c.store.delete("Pod", "web")
    c.store.delete("Pod", "demo")
    c.settle()
    assert c.store.get("Pod", "web")["metadata"]["deletionTimestamp"]
    assert ("Normal", "Killing", "Stopping container web") in events(c, "web")
    c.advance("1s")
    assert c.store.find("Pod", "web") is None
    c.advance("28s")
    assert c.store.find("Pod", "demo") is not None
    c.advance("2s")
    assert c.store.find("Pod", "demo") is None


def test_a_shell_with_nothing_to_do_crash_loops():
    c = Cluster()
    c.store.create(pod("bb", "busybox"))
    c.advance("40s")
    st = c.store.get("Pod", "bb")["status"]["containerStatuses"][0]
    assert st["state"]["waiting"]["reason"] == "CrashLoopBackOff"
    assert st["restartCount"] >= 1 and st["lastState"]["terminated"]["reason"] == "Completed"
    uid = c.store.get("Pod", "bb")["metadata"]["uid"]
    assert (
        "Warning",
        "BackOff",
        f"Back-off restarting failed container bb in pod bb_default({uid})",
    ) in events(c, "bb")


def test_pod_ips_are_handed_out_in_order_and_not_reused_at_once():
    c = Cluster()
    c.store.create(pod("a", "nginx:1.27"))
    c.store.create(pod("b", "nginx:1.27"))
    c.advance("20s")
    c.store.delete("Pod", "a", grace_period=0)
    c.store.create(pod("c", "nginx:1.27"))
    c.advance("20s")
    ips = {n: c.store.get("Pod", n)["status"]["podIP"] for n in ("b", "c")}
    assert ips == {"b": "10.244.0.4", "c": "10.244.0.5"}  # host-local IPAM: round-robin from the last one


def running(c: Cluster, name: str, image: str, **extra) -> dict:
    c.store.create(pod(name, image, **extra))
    c.advance("30s")
    return c.store.get("Pod", name)


def test_exec_commands_in_nginx():
    c = Cluster()
    p = running(c, "web", "nginx:1.27")
    assert str(node_exec.run(c, p, "web", ["hostname"])) == "web\n"
    r = node_exec.run(
        c, p, "web", ["sh", "-c", 'echo "$(hostname) says hi" > /usr/share/nginx/html/index.html']
    )
    assert r.returncode == 0
    assert str(node_exec.run(c, p, "web", ["cat", "/usr/share/nginx/html/index.html"])) == "web says hi\n"
    assert str(node_exec.run(c, p, "web", ["curl", "-s", "localhost"])) == "web says hi\n"
    r = node_exec.run(c, p, "web", ["nslookup", "kubernetes"])
    assert r.returncode == 126
    assert r.stderr == (
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": '
        "executable file not found in $PATH: unknown\n"
    )
    r = node_exec.run(c, p, "web", ["sh", "-c", "nslookup kubernetes"])
    assert (r.stderr, r.returncode) == ("sh: 1: nslookup: not found\n", 127)
    r = node_exec.run(c, p, "web", ["cat", "/nope"])
    assert (r.stderr, r.returncode) == ("cat: /nope: No such file or directory\n", 1)


def test_etc_hosts_and_resolv_conf_as_the_kubelet_writes_them():
    c = Cluster()
    p = running(c, "web", "nginx:1.27")
    hosts = str(node_exec.run(c, p, "web", ["cat", "/etc/hosts"]))
    assert hosts.startswith("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n")
    assert hosts.endswith("10.244.0.3\tweb\n")
    assert str(node_exec.run(c, p, "web", ["cat", "/etc/resolv.conf"])) == (
        "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\n"
        "options ndots:5\n"
    )


def test_env_literal_values_reach_the_container():
    c = Cluster()
    p = running(c, "web", "nginx:1.27", env=[{"name": "GREETING", "value": "hello"}])
    assert str(node_exec.run(c, p, "web", ["printenv", "GREETING"])) == "hello\n"


def test_empty_dir_is_shared_between_containers():
    c = Cluster()
    spec = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "two"},
        "spec": {
            "volumes": [{"name": "shared", "emptyDir": {}}],
            "containers": [
                {
                    "name": "web",
                    "image": "nginx:1.27",
                    "volumeMounts": [{"name": "shared", "mountPath": "/usr/share/nginx/html"}],
                },
                {
                    "name": "writer",
                    "image": "busybox:1.36",
                    "command": ["sleep", "3600"],
                    "volumeMounts": [{"name": "shared", "mountPath": "/data"}],
                },
            ],
        },
    }
    c.store.create(spec)
    c.advance("30s")
    p = c.store.get("Pod", "two")
    assert str(node_exec.run(c, p, "web", ["curl", "-s", "localhost"])).startswith(
        "<html>\r\n<head><title>403 Forbidden"
    )
    node_exec.run(c, p, "writer", ["sh", "-c", "echo shared > /data/index.html"])
    assert str(node_exec.run(c, p, "web", ["curl", "-s", "localhost"])) == "shared\n"


def test_readiness_probe_failing_keeps_the_pod_unready():
    c = Cluster()
    p = running(c, "web", "nginx:1.27", readinessProbe={"httpGet": {"path": "/healthz", "port": 80}})
    assert p["status"]["containerStatuses"][0]["ready"] is False
    assert (
        "Warning",
        "Unhealthy",
        "Readiness probe failed: HTTP probe failed with statuscode: 404",
    ) in events(c, "web")


def test_go_duration_format():
    assert [go_duration(x) for x in (0.845, 2.345, 2.5, 62.5)] == ["845ms", "2.345s", "2.5s", "1m2.5s"]


def test_same_seed_same_story():
    def story(seed: int) -> list:
        c = Cluster(seed=seed)
        c.store.create(pod("web", "nginx"))
        c.store.create(pod("bad", "nginx:1.161"))
        c.advance("2m")
        return [e["message"] for e in c.store.list("Event", "default")] + [c.clock.now]

    assert story(7) == story(7)


def test_nginx_logs_startup_and_access_lines():
    """The nginx image's entrypoint output and its "main" access log format."""
    from k8stutor.node.runtime import container_logs

    c = Cluster()
    c.store.create(pod("web", "nginx:1.27"))
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "web"},
            "spec": {"type": "NodePort", "selector": {"app": "x"}, "ports": [{"port": 80}]},
        }
    )
    c.advance("20s")
    p = c.store.get("Pod", "web")
    node_exec.run(c, p, "web", ["curl", "-s", "localhost/nope"])
    log = container_logs(c, p, "web")
    assert log.startswith(
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n"
    )
    assert "[notice] 1#1: nginx/1.27.3\n" in log
    assert log.endswith(
        '127.0.0.1 - - [15/Jan/2025:09:00:20 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/7.88.1" "-"\n'
    )


def test_exit_builtin_and_previous_logs():
    from k8stutor.node.runtime import container_logs

    c = Cluster()
    c.store.create(pod("crash", "busybox:1.28", command=["sh", "-c", "echo bye; exit 3"]))
    c.advance("30s")
    p = c.store.get("Pod", "crash")
    last = p["status"]["containerStatuses"][0]["lastState"]["terminated"]
    assert (last["exitCode"], last["reason"]) == (3, "Error")
    assert container_logs(c, p, "crash") == "bye\n"  # each restart starts a new log
    assert container_logs(c, p, "crash", previous=True) == "bye\n"


INIT_POD = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "myapp-pod"},
    "spec": {
        # the example of kubernetes.io/docs/concepts/workloads/pods/init-containers/
        "containers": [
            {
                "name": "myapp-container",
                "image": "busybox:1.28",
                "command": ["sh", "-c", "echo The app is running! && sleep 3600"],
            }
        ],
        "initContainers": [
            {
                "name": "init-myservice",
                "image": "busybox:1.28",
                "command": [
                    "sh",
                    "-c",
                    "until nslookup myservice.default.svc.cluster.local; "
                    "do echo waiting for myservice; sleep 2; done",
                ],
            }
        ],
    },
}


def test_init_containers_run_first_and_wait():
    from k8stutor.node.runtime import container_logs

    c = Cluster()
    c.store.create(INIT_POD)
    c.advance("20s")
    st = c.store.get("Pod", "myapp-pod")["status"]
    assert st["phase"] == "Pending"
    init = next(x for x in st["conditions"] if x["type"] == "Initialized")
    assert (init["status"], init["reason"], init["message"]) == (
        "False",
        "ContainersNotInitialized",
        "containers with incomplete status: [init-myservice]",
    )
    assert st["containerStatuses"][0]["state"] == {"waiting": {"reason": "PodInitializing"}}
    assert "waiting for myservice\n" in container_logs(c, c.store.get("Pod", "myapp-pod"), "init-myservice")
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "myservice"},
            "spec": {"ports": [{"port": 80, "targetPort": 9376}]},
        }
    )
    c.advance("10s")
    p = c.store.get("Pod", "myapp-pod")
    assert p["status"]["phase"] == "Running"
    assert p["status"]["initContainerStatuses"][0]["state"]["terminated"]["reason"] == "Completed"
    assert container_logs(c, p, "myapp-container") == "The app is running!\n"


def test_image_update_restarts_the_container():
    """The image is the mutable part of a pod's containers; the kubelet replaces the container."""
    c = Cluster()
    c.store.create(pod("web", "nginx:1.25"))
    c.advance("20s")
    p = c.store.get("Pod", "web")
    changed = {
        **p,
        "spec": {**p["spec"], "containers": [{**p["spec"]["containers"][0], "image": "nginx:1.27"}]},
    }
    c.store.update(changed)
    c.advance("20s")
    st = c.store.get("Pod", "web")["status"]["containerStatuses"][0]
    assert (st["image"], st["restartCount"], st["ready"]) == ("nginx:1.27", 1, True)
    assert ("Normal", "Killing", "Container web definition changed, will be restarted") in events(c, "web")
