"""Imports every handler module of the extension (each registers itself on import)."""
from . import access_analyzer  # noqa: F401
from . import securityhub  # noqa: F401
from . import ec2_account  # noqa: F401
from . import config_conformance  # noqa: F401
from . import moto_patches  # noqa: F401
from . import guardduty  # noqa: F401
from . import ssoadmin_tags  # noqa: F401
from . import ram  # noqa: F401
from . import config_remediation  # noqa: F401
from . import cost  # noqa: F401
from . import dns_firewall_domain_lists  # noqa: F401
