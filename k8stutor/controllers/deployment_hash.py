"""The pod-template-hash: how the Deployment controller names its ReplicaSets.

upstream: pkg/controller/controller_utils.go (ComputeHash),
pkg/util/hash/hash.go (DeepHashObject: go-spew ``%#v`` with SortKeys, DisableMethods,
DisablePointerAddresses) and staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go
(SafeEncodeString).  The hash is fnv-1a (32 bit) over spew's printout of the Go struct
``v1.PodTemplateSpec``, so this module keeps the Go field order and type names of the
structs a pod template is made of (staging/src/k8s.io/api/core/v1/types.go, v1.32).
Empty lists and maps print as ``<nil>``: the controller sees objects decoded from
protobuf, where an empty repeated field is a nil slice.
"""

from __future__ import annotations

import re
import struct

# upstream: staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go
ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"

F = tuple[str, str, str]  # (Go field name, Go type, json name; "" = embedded struct, inlined)

_META: list[F] = [
    ("Name", "string", "name"),
    ("GenerateName", "string", "generateName"),
    ("Namespace", "string", "namespace"),
    ("SelfLink", "string", "selfLink"),
    ("UID", "types.UID", "uid"),
    ("ResourceVersion", "string", "resourceVersion"),
    ("Generation", "int64", "generation"),
    ("CreationTimestamp", "v1.Time", "creationTimestamp"),
    ("DeletionTimestamp", "*v1.Time", "deletionTimestamp"),
    ("DeletionGracePeriodSeconds", "*int64", "deletionGracePeriodSeconds"),
    ("Labels", "map[string]string", "labels"),
    ("Annotations", "map[string]string", "annotations"),
    ("OwnerReferences", "[]v1.OwnerReference", "ownerReferences"),
    ("Finalizers", "[]string", "finalizers"),
    ("ManagedFields", "[]v1.ManagedFieldsEntry", "managedFields"),
]

_VOLUME_SOURCES = (
    "HostPath:HostPathVolumeSource:hostPath EmptyDir:EmptyDirVolumeSource:emptyDir "
    "GCEPersistentDisk:GCEPersistentDiskVolumeSource:gcePersistentDisk "
    "AWSElasticBlockStore:AWSElasticBlockStoreVolumeSource:awsElasticBlockStore "
    "GitRepo:GitRepoVolumeSource:gitRepo Secret:SecretVolumeSource:secret NFS:NFSVolumeSource:nfs "
    "ISCSI:ISCSIVolumeSource:iscsi Glusterfs:GlusterfsVolumeSource:glusterfs "
    "PersistentVolumeClaim:PersistentVolumeClaimVolumeSource:persistentVolumeClaim "
    "RBD:RBDVolumeSource:rbd FlexVolume:FlexVolumeSource:flexVolume Cinder:CinderVolumeSource:cinder "
    "CephFS:CephFSVolumeSource:cephfs Flocker:FlockerVolumeSource:flocker "
    "DownwardAPI:DownwardAPIVolumeSource:downwardAPI FC:FCVolumeSource:fc "
    "AzureFile:AzureFileVolumeSource:azureFile ConfigMap:ConfigMapVolumeSource:configMap "
    "VsphereVolume:VsphereVirtualDiskVolumeSource:vsphereVolume Quobyte:QuobyteVolumeSource:quobyte "
    "AzureDisk:AzureDiskVolumeSource:azureDisk "
    "PhotonPersistentDisk:PhotonPersistentDiskVolumeSource:photonPersistentDisk "
    "Projected:ProjectedVolumeSource:projected PortworxVolume:PortworxVolumeSource:portworxVolume "
    "ScaleIO:ScaleIOVolumeSource:scaleIO StorageOS:StorageOSVolumeSource:storageos CSI:CSIVolumeSource:csi "
    "Ephemeral:EphemeralVolumeSource:ephemeral Image:ImageVolumeSource:image"
)

_PROBE_HANDLER: list[F] = [
    ("Exec", "*v1.ExecAction", "exec"),
    ("HTTPGet", "*v1.HTTPGetAction", "httpGet"),
    ("TCPSocket", "*v1.TCPSocketAction", "tcpSocket"),
    ("GRPC", "*v1.GRPCAction", "grpc"),
]

#: Go struct type -> fields in declaration order (core/v1 types.go of v1.32).
STRUCTS: dict[str, list[F]] = {
    "v1.PodTemplateSpec": [("ObjectMeta", "v1.ObjectMeta", "metadata"), ("Spec", "v1.PodSpec", "spec")],
    "v1.ObjectMeta": _META,
    "v1.Time": [("Time", "time.Time", "")],
    "time.Time": [("wall", "uint64", ""), ("ext", "int64", ""), ("loc", "*time.Location", "")],
    "v1.OwnerReference": [
        ("APIVersion", "string", "apiVersion"),
        ("Kind", "string", "kind"),
        ("Name", "string", "name"),
        ("UID", "types.UID", "uid"),
        ("Controller", "*bool", "controller"),
        ("BlockOwnerDeletion", "*bool", "blockOwnerDeletion"),
    ],
    "v1.PodSpec": [
        ("Volumes", "[]v1.Volume", "volumes"),
        ("InitContainers", "[]v1.Container", "initContainers"),
        ("Containers", "[]v1.Container", "containers"),
        ("EphemeralContainers", "[]v1.EphemeralContainer", "ephemeralContainers"),
        ("RestartPolicy", "v1.RestartPolicy", "restartPolicy"),
        ("TerminationGracePeriodSeconds", "*int64", "terminationGracePeriodSeconds"),
        ("ActiveDeadlineSeconds", "*int64", "activeDeadlineSeconds"),
        ("DNSPolicy", "v1.DNSPolicy", "dnsPolicy"),
        ("NodeSelector", "map[string]string", "nodeSelector"),
        ("ServiceAccountName", "string", "serviceAccountName"),
        ("DeprecatedServiceAccount", "string", "serviceAccount"),
        ("AutomountServiceAccountToken", "*bool", "automountServiceAccountToken"),
        ("NodeName", "string", "nodeName"),
        ("HostNetwork", "bool", "hostNetwork"),
        ("HostPID", "bool", "hostPID"),
        ("HostIPC", "bool", "hostIPC"),
        ("ShareProcessNamespace", "*bool", "shareProcessNamespace"),
        ("SecurityContext", "*v1.PodSecurityContext", "securityContext"),
        ("ImagePullSecrets", "[]v1.LocalObjectReference", "imagePullSecrets"),
        ("Hostname", "string", "hostname"),
        ("Subdomain", "string", "subdomain"),
        ("Affinity", "*v1.Affinity", "affinity"),
        ("SchedulerName", "string", "schedulerName"),
        ("Tolerations", "[]v1.Toleration", "tolerations"),
        ("HostAliases", "[]v1.HostAlias", "hostAliases"),
        ("PriorityClassName", "string", "priorityClassName"),
        ("Priority", "*int32", "priority"),
        ("DNSConfig", "*v1.PodDNSConfig", "dnsConfig"),
        ("ReadinessGates", "[]v1.PodReadinessGate", "readinessGates"),
        ("RuntimeClassName", "*string", "runtimeClassName"),
        ("EnableServiceLinks", "*bool", "enableServiceLinks"),
        ("PreemptionPolicy", "*v1.PreemptionPolicy", "preemptionPolicy"),
        ("Overhead", "v1.ResourceList", "overhead"),
        ("TopologySpreadConstraints", "[]v1.TopologySpreadConstraint", "topologySpreadConstraints"),
        ("SetHostnameAsFQDN", "*bool", "setHostnameAsFQDN"),
        ("OS", "*v1.PodOS", "os"),
        ("HostUsers", "*bool", "hostUsers"),
        ("SchedulingGates", "[]v1.PodSchedulingGate", "schedulingGates"),
        ("ResourceClaims", "[]v1.PodResourceClaim", "resourceClaims"),
        ("Resources", "*v1.ResourceRequirements", "resources"),
    ],
    "v1.PodSecurityContext": [
        ("SELinuxOptions", "*v1.SELinuxOptions", "seLinuxOptions"),
        ("WindowsOptions", "*v1.WindowsSecurityContextOptions", "windowsOptions"),
        ("RunAsUser", "*int64", "runAsUser"),
        ("RunAsGroup", "*int64", "runAsGroup"),
        ("RunAsNonRoot", "*bool", "runAsNonRoot"),
        ("SupplementalGroups", "[]int64", "supplementalGroups"),
        ("SupplementalGroupsPolicy", "*v1.SupplementalGroupsPolicy", "supplementalGroupsPolicy"),
        ("FSGroup", "*int64", "fsGroup"),
        ("Sysctls", "[]v1.Sysctl", "sysctls"),
        ("FSGroupChangePolicy", "*v1.PodFSGroupChangePolicy", "fsGroupChangePolicy"),
        ("SeccompProfile", "*v1.SeccompProfile", "seccompProfile"),
        ("AppArmorProfile", "*v1.AppArmorProfile", "appArmorProfile"),
        ("SELinuxChangePolicy", "*v1.PodSELinuxChangePolicy", "seLinuxChangePolicy"),
    ],
    "v1.Container": [
        ("Name", "string", "name"),
        ("Image", "string", "image"),
        ("Command", "[]string", "command"),
        ("Args", "[]string", "args"),
        ("WorkingDir", "string", "workingDir"),
        ("Ports", "[]v1.ContainerPort", "ports"),
        ("EnvFrom", "[]v1.EnvFromSource", "envFrom"),
        ("Env", "[]v1.EnvVar", "env"),
        ("Resources", "v1.ResourceRequirements", "resources"),
        ("ResizePolicy", "[]v1.ContainerResizePolicy", "resizePolicy"),
        ("RestartPolicy", "*v1.ContainerRestartPolicy", "restartPolicy"),
        ("VolumeMounts", "[]v1.VolumeMount", "volumeMounts"),
        ("VolumeDevices", "[]v1.VolumeDevice", "volumeDevices"),
        ("LivenessProbe", "*v1.Probe", "livenessProbe"),
        ("ReadinessProbe", "*v1.Probe", "readinessProbe"),
        ("StartupProbe", "*v1.Probe", "startupProbe"),
        ("Lifecycle", "*v1.Lifecycle", "lifecycle"),
        ("TerminationMessagePath", "string", "terminationMessagePath"),
        ("TerminationMessagePolicy", "v1.TerminationMessagePolicy", "terminationMessagePolicy"),
        ("ImagePullPolicy", "v1.PullPolicy", "imagePullPolicy"),
        ("SecurityContext", "*v1.SecurityContext", "securityContext"),
        ("Stdin", "bool", "stdin"),
        ("StdinOnce", "bool", "stdinOnce"),
        ("TTY", "bool", "tty"),
    ],
    "v1.ContainerPort": [
        ("Name", "string", "name"),
        ("HostPort", "int32", "hostPort"),
        ("ContainerPort", "int32", "containerPort"),
        ("Protocol", "v1.Protocol", "protocol"),
        ("HostIP", "string", "hostIP"),
    ],
    "v1.EnvVar": [
        ("Name", "string", "name"),
        ("Value", "string", "value"),
        ("ValueFrom", "*v1.EnvVarSource", "valueFrom"),
    ],
    "v1.EnvVarSource": [
        ("FieldRef", "*v1.ObjectFieldSelector", "fieldRef"),
        ("ResourceFieldRef", "*v1.ResourceFieldSelector", "resourceFieldRef"),
        ("ConfigMapKeyRef", "*v1.ConfigMapKeySelector", "configMapKeyRef"),
        ("SecretKeyRef", "*v1.SecretKeySelector", "secretKeyRef"),
    ],
    "v1.ObjectFieldSelector": [("APIVersion", "string", "apiVersion"), ("FieldPath", "string", "fieldPath")],
    "v1.LocalObjectReference": [("Name", "string", "name")],
    "v1.ConfigMapKeySelector": [
        ("LocalObjectReference", "v1.LocalObjectReference", ""),
        ("Key", "string", "key"),
        ("Optional", "*bool", "optional"),
    ],
    "v1.SecretKeySelector": [
        ("LocalObjectReference", "v1.LocalObjectReference", ""),
        ("Key", "string", "key"),
        ("Optional", "*bool", "optional"),
    ],
    "v1.EnvFromSource": [
        ("Prefix", "string", "prefix"),
        ("ConfigMapRef", "*v1.ConfigMapEnvSource", "configMapRef"),
        ("SecretRef", "*v1.SecretEnvSource", "secretRef"),
    ],
    "v1.ConfigMapEnvSource": [
        ("LocalObjectReference", "v1.LocalObjectReference", ""),
        ("Optional", "*bool", "optional"),
    ],
    "v1.SecretEnvSource": [
        ("LocalObjectReference", "v1.LocalObjectReference", ""),
        ("Optional", "*bool", "optional"),
    ],
    "v1.ResourceRequirements": [
        ("Limits", "v1.ResourceList", "limits"),
        ("Requests", "v1.ResourceList", "requests"),
        ("Claims", "[]v1.ResourceClaim", "claims"),
    ],
    "v1.VolumeMount": [
        ("Name", "string", "name"),
        ("ReadOnly", "bool", "readOnly"),
        ("RecursiveReadOnly", "*v1.RecursiveReadOnlyMode", "recursiveReadOnly"),
        ("MountPath", "string", "mountPath"),
        ("SubPath", "string", "subPath"),
        ("MountPropagation", "*v1.MountPropagationMode", "mountPropagation"),
        ("SubPathExpr", "string", "subPathExpr"),
    ],
    "v1.Probe": [
        ("ProbeHandler", "v1.ProbeHandler", ""),
        ("InitialDelaySeconds", "int32", "initialDelaySeconds"),
        ("TimeoutSeconds", "int32", "timeoutSeconds"),
        ("PeriodSeconds", "int32", "periodSeconds"),
        ("SuccessThreshold", "int32", "successThreshold"),
        ("FailureThreshold", "int32", "failureThreshold"),
        ("TerminationGracePeriodSeconds", "*int64", "terminationGracePeriodSeconds"),
    ],
    "v1.ProbeHandler": _PROBE_HANDLER,
    "v1.ExecAction": [("Command", "[]string", "command")],
    "v1.HTTPGetAction": [
        ("Path", "string", "path"),
        ("Port", "intstr.IntOrString", "port"),
        ("Host", "string", "host"),
        ("Scheme", "v1.URIScheme", "scheme"),
        ("HTTPHeaders", "[]v1.HTTPHeader", "httpHeaders"),
    ],
    "v1.HTTPHeader": [("Name", "string", "name"), ("Value", "string", "value")],
    "v1.TCPSocketAction": [("Port", "intstr.IntOrString", "port"), ("Host", "string", "host")],
    "v1.Volume": [("Name", "string", "name"), ("VolumeSource", "v1.VolumeSource", "")],
    "v1.VolumeSource": [(f, f"*v1.{t}", j) for f, t, j in (s.split(":") for s in _VOLUME_SOURCES.split())],
    "v1.ConfigMapVolumeSource": [
        ("LocalObjectReference", "v1.LocalObjectReference", ""),
        ("Items", "[]v1.KeyToPath", "items"),
        ("DefaultMode", "*int32", "defaultMode"),
        ("Optional", "*bool", "optional"),
    ],
    "v1.SecretVolumeSource": [
        ("SecretName", "string", "secretName"),
        ("Items", "[]v1.KeyToPath", "items"),
        ("DefaultMode", "*int32", "defaultMode"),
        ("Optional", "*bool", "optional"),
    ],
    "v1.KeyToPath": [("Key", "string", "key"), ("Path", "string", "path"), ("Mode", "*int32", "mode")],
    "v1.EmptyDirVolumeSource": [
        ("Medium", "v1.StorageMedium", "medium"),
        ("SizeLimit", "*resource.Quantity", "sizeLimit"),
    ],
    "v1.PersistentVolumeClaimVolumeSource": [
        ("ClaimName", "string", "claimName"),
        ("ReadOnly", "bool", "readOnly"),
    ],
    "v1.HostPathVolumeSource": [("Path", "string", "path"), ("Type", "*v1.HostPathType", "type")],
}

_INT = {"int", "int32", "int64", "uint64", "intstr.Type"}
_QUANTITY = re.compile(r"^([+-]?[0-9.]+)([a-zA-Z]*)$")
_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}


def spew(gotype: str, value: object, show_type: bool = True) -> str:
    """go-spew's ``%#v`` of ``value`` (JSON-shaped data) as the Go type ``gotype``."""
    prefix = f"({gotype})" if show_type else ""
    if gotype.startswith("*"):
        if value is None:
            return f"({gotype})<nil>" if show_type else "<*><nil>"
        return prefix + spew(gotype[1:], value, show_type=False)
    if gotype.startswith("[]"):
        if not value:
            return prefix + "<nil>"
        return prefix + "[" + " ".join(spew(gotype[2:], v, False) for v in value) + "]"  # type: ignore[union-attr]
    if gotype.startswith("map[") or gotype == "v1.ResourceList":
        if not value:
            return prefix + "<nil>"
        vtype = "resource.Quantity" if gotype == "v1.ResourceList" else gotype.split("]", 1)[1]
        items = sorted(value.items())  # type: ignore[union-attr]
        return prefix + "map[" + " ".join(f"{k}:{spew(vtype, v, False)}" for k, v in items) + "]"
    if gotype in STRUCTS:
        return prefix + "{" + " ".join(_field(name, t, js, value) for name, t, js in STRUCTS[gotype]) + "}"
    return prefix + _scalar(gotype, value)


def _field(name: str, gotype: str, json_name: str, parent: object) -> str:
    data = parent if isinstance(parent, dict) else {}
    if json_name == "":  # embedded struct or Go-internal field: reads the parent's own keys
        sub = data if gotype in STRUCTS and gotype != "time.Time" else None
    else:
        sub = data.get(json_name)
    if gotype == "v1.Time":
        sub = None  # the template's creationTimestamp is always the zero time
    return f"{name}:{spew(gotype, sub if gotype not in STRUCTS or sub is not None else {}, True)}"


def _scalar(gotype: str, value: object) -> str:
    if gotype == "intstr.IntOrString":
        if isinstance(value, str):
            return "{Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)" + value + "}"
        return "{Type:(intstr.Type)0 IntVal:(int32)" + str(int(value or 0)) + " StrVal:(string)}"
    if gotype == "resource.Quantity":
        return _quantity(str(value))
    if gotype == "bool":
        return "true" if value else "false"
    if gotype in _INT:
        return str(int(value or 0))
    if value is None:
        return ""
    if isinstance(value, (dict, list)):  # a struct this table does not describe: stable, if not Go's text
        return repr(value)
    return str(value)


def _quantity(text: str) -> str:
    """resource.Quantity's fields after ParseQuantity's fast path (int64Amount{value, scale})."""
    m = _QUANTITY.match(text.strip())
    value, scale, fmt = 0, 0, "DecimalSI"
    if m:
        num, suffix = m.groups()
        if "." in num:
            whole, frac = num.split(".", 1)
            value, scale = int(whole + frac or "0"), -len(frac)
        else:
            value = int(num)
        if suffix in _BINARY:
            value, fmt = value << _BINARY[suffix] if scale == 0 else value, "BinarySI"
        else:
            scale += _DECIMAL.get(suffix, 0)
    return (
        f"{{i:(resource.int64Amount){{value:(int64){value} scale:(resource.Scale){scale}}} "
        f"d:(resource.infDecAmount){{Dec:(*inf.Dec)<nil>}} s:(string) Format:(resource.Format){fmt}}}"
    )


def fnv32a(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def safe_encode_string(s: str) -> str:
    # upstream: staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go (SafeEncodeString)
    return "".join(ALPHANUMS[ord(c) % len(ALPHANUMS)] for c in s)


def compute_hash(template: dict, collision_count: int | None = None) -> str:
    """``controller.ComputeHash``: the value of the pod-template-hash label."""
    data = spew("v1.PodTemplateSpec", template).encode()
    if collision_count is not None:
        # upstream: binary.LittleEndian.PutUint32 into an 8-byte buffer; all 8 bytes are written
        data += struct.pack("<I", collision_count & 0xFFFFFFFF) + b"\0\0\0\0"
    return safe_encode_string(str(fnv32a(data)))
