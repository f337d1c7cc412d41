"""The apiserver's Service IP and NodePort allocators (bitmaps with a random scan).

upstream: pkg/registry/core/service/ipallocator/bitmap.go, portallocator/allocator.go,
pkg/registry/core/service/allocator/bitmap.go (randomScanStrategyWithOffset).
The allocated sets are rebuilt from the stored Services on each call, as the repair
controllers (ipallocator/controller/repair.go) would: the store stays the one source of truth.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..api.store import Store

SERVICE_CIDR = ipaddress.ip_network("10.96.0.0/12")
NODE_PORT_BASE, NODE_PORT_SIZE = 30000, 2768  # --service-node-port-range=30000-32767 (default)
NODE_PORT_RANGE = "30000-32767"


class AllocationError(Exception):
    """The allocator's error text (``provided port is already allocated``)."""


def _range_offset(size: int, lo: int, hi: int, div: int) -> int:
    # upstream: calculateRangeOffset: the lower band is kept for static (user-chosen) values.
    return min(max(lo, size // div), hi)


def random_scan(rnd, allocated: set[int], size: int, offset: int) -> int | None:
    """upstream: allocator/bitmap.go randomScanStrategyWithOffset.AllocateBit."""
    if len(allocated) >= size:
        return None
    sub = size - offset
    start = rnd.randrange(sub)
    for i in range(sub):
        at = offset + (start + i) % sub
        if at not in allocated:
            return at
    if offset > 0:
        start = rnd.randrange(offset)
        for i in range(offset):
            at = (start + i) % offset
            if at not in allocated:
                return at
    return None


# -- cluster IPs ------------------------------------------------------------------
IP_SIZE = SERVICE_CIDR.num_addresses - 2  # no network, no broadcast address
IP_OFFSET = _range_offset(IP_SIZE, 16, 256, 16)


def used_ips(store: Store, skip: dict | None = None) -> set[str]:
    out = set()
    for svc in store.list("Service", None):
        if skip is not None and svc["metadata"].get("uid") == skip["metadata"].get("uid"):
            continue
        for ip in (svc.get("spec") or {}).get("clusterIPs") or []:
            out.add(ip)
    return out


def allocate_ip(store: Store, ip: str | None) -> str:
    """``ip`` (validated against the range and the used set) or a random free one."""
    used = used_ips(store)
    base = int(SERVICE_CIDR.network_address) + 1
    if ip:
        addr = ipaddress.ip_address(ip)
        if addr not in SERVICE_CIDR or addr in (SERVICE_CIDR.network_address, SERVICE_CIDR.broadcast_address):
            raise AllocationError(
                f"the provided IP ({ip}) is not in the valid range. The range of valid IPs is {SERVICE_CIDR}"
            )
        if ip in used:
            raise AllocationError("provided IP is already allocated")
        return ip
    offsets = {int(ipaddress.ip_address(u)) - base for u in used if ipaddress.ip_address(u) in SERVICE_CIDR}
    at = random_scan(store.clock.random, offsets, IP_SIZE, IP_OFFSET)
    if at is None:
        raise AllocationError("range is full")
    return str(ipaddress.ip_address(base + at))


# -- node ports -----------------------------------------------------------------
PORT_OFFSET = _range_offset(NODE_PORT_SIZE, 16, 128, 32)


def used_node_ports(store: Store, skip_uid: str | None = None) -> set[int]:
    out = set()
    for svc in store.list("Service", None):
        if skip_uid and svc["metadata"].get("uid") == skip_uid:
            continue
        spec = svc.get("spec") or {}
        for p in spec.get("ports") or []:
            if p.get("nodePort"):
                out.add(int(p["nodePort"]))
        if spec.get("healthCheckNodePort"):
            out.add(int(spec["healthCheckNodePort"]))
    return out


def check_node_port(port: int, used: set[int]) -> None:
    if not NODE_PORT_BASE <= port < NODE_PORT_BASE + NODE_PORT_SIZE:
        raise AllocationError(
            f"provided port is not in the valid range. The range of valid ports is {NODE_PORT_RANGE}"
        )
    if port in used:
        raise AllocationError("provided port is already allocated")


def next_node_port(store: Store, used: set[int]) -> int:
    at = random_scan(store.clock.random, {p - NODE_PORT_BASE for p in used}, NODE_PORT_SIZE, PORT_OFFSET)
    if at is None:
        raise AllocationError("range is full")
    return NODE_PORT_BASE + at
