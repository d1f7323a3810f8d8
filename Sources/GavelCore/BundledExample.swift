/// The example microconference (`examples/lpc2012-virt.toml`), carried inside the binary so
/// `gavel demo` works from any folder. A test keeps it identical to the file.
public enum BundledExample {
    public static let fileName = "lpc2012-virt.toml"

    public static let source = #"""
# The virtualization microconference of Linux Plumbers Conference 2012 (San Diego),
# as its owner described it: 17 topics in 4.5 hours, six 45-minute slots, each on one subject,
# networking as a double slot with the lightning talks at its end.
# Titles and speakers that are not known are marked with a note; nobody is invented.
# Start times are not known either, so slots start when the chair starts them.

title = "Virtualization Microconference"
event = "Linux Plumbers Conference 2012"
timezone = "America/Los_Angeles"

[defaults]
topic = "20m"
lightning = "5m"
warn = ["5m", "2m"]
warn_lightning = ["1m", "30s"]       # lightning talks turn amber a minute before their end

[[slot]]
id = "x86"
title = "x86"
length = "45m"

  [[slot.topic]]
  id = "amd-interrupt-virt"
  title = "AMD's new interrupt-virtualization hardware"
  note = "exact title and speaker not known"

  [[slot.topic]]
  id = "intel-interrupt-virt"
  title = "Intel's new interrupt-virtualization hardware"
  note = "exact title and speaker not known"

[[slot]]
id = "mm"
title = "Memory management"
length = "45m"

  [[slot.topic]]
  id = "xen-numa"
  title = "NUMA in Xen"
  speakers = ["Dario Faggioli"]
  length = "15m"

  [[slot.topic]]
  id = "autonuma"
  title = "AutoNUMA"
  speakers = ["Andrea Arcangeli"]
  length = "15m"

  [[slot.topic]]
  id = "balloon"
  title = "Consolidating the balloon drivers"
  speakers = ["Daniel Kiper"]
  length = "15m"

[[slot]]
id = "arm"
title = "ARM"
length = "45m"

  [[slot.topic]]
  id = "kvm-arm"
  title = "KVM on ARM"
  speakers = ["Marc Zyngier"]

  [[slot.topic]]
  id = "xen-arm"
  title = "Xen on ARM"
  speakers = ["Stefano Stabellini"]

[[slot]]
id = "security-storage"
title = "Security and storage"
length = "45m"

  [[slot.topic]]
  id = "seccomp"
  title = "seccomp for virtual machines"
  speakers = ["Paul Moore"]

  [[slot.topic]]
  id = "glusterfs-qemu"
  title = "A GlusterFS backend for QEMU"
  speakers = ["Bharata Rao"]

# Two 45-minute slots back to back, one 90-minute slot here.
[[slot]]
id = "networking"
title = "Networking"
length = "90m"

  [[slot.topic]]
  id = "vfio"
  title = "VFIO: a new way of doing device assignment"
  speakers = ["Alex Williamson"]
  length = "17m"

  [[slot.topic]]
  id = "semi-assignment"
  title = "Semi-assignment of network devices"
  speakers = ["Alex Graf"]
  length = "17m"

  [[slot.topic]]
  id = "virtio-net-scaling"
  title = "Scaling virtio-net"
  speakers = ["John Fastabend"]
  length = "17m"

  [[slot.topic]]
  id = "overlays-migration"
  title = "Network overlays for migrating virtual machines"
  speakers = ["Vivek Kashyap"]
  length = "17m"

  [[slot.topic]]
  id = "lightning-1"
  title = "Lightning talk 1"
  kind = "lightning"
  note = "title and speaker not known"

  [[slot.topic]]
  id = "lightning-2"
  title = "Lightning talk 2"
  kind = "lightning"
  note = "title and speaker not known"

  [[slot.topic]]
  id = "lightning-3"
  title = "Lightning talk 3"
  kind = "lightning"
  note = "title and speaker not known"

  [[slot.topic]]
  id = "lightning-4"
  title = "Lightning talk 4"
  kind = "lightning"
  note = "title and speaker not known"

"""#
}
