"""Whose clients a viewer may see: every query function and report builder takes it, and the SQL
applies it as the bound parameter `$visible` (docs/metrics.md, "What a manager sees")."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.labels import possessive


@dataclass(frozen=True)
class Scope:
    """The clients a viewer may see: `clients` None is every client (a director or an admin, and
    personal mode); else exactly the clients named, by their canonical names. `name` says whose
    scope it is, for titles ("Maya Patel's clients")."""

    clients: tuple[str, ...] | None = None
    name: str = ""

    @property
    def everything(self) -> bool:
        """True when the viewer sees every client."""
        return self.clients is None

    @property
    def label(self) -> str:
        """Who the viewer's figures cover: 'All clients', or 'Maya Patel's clients'."""
        if self.clients is None:
            return "All clients"
        return f"{possessive(self.name)} clients" if self.name else "Your clients"

    @property
    def among(self) -> str:
        """What figures over all the viewer's clients are of, mid-sentence: 'the whole studio',
        or "Maya Patel's clients"."""
        if self.clients is None:
            return "the whole studio"
        return f"{possessive(self.name)} clients" if self.name else "your clients"

    def allows(self, client: str | None) -> bool:
        """Whether the viewer may see `client` (None, no client at all, only with everything)."""
        return self.clients is None or (client is not None and client in self.clients)

    def params(self) -> dict[str, list[str] | None]:
        """The scope as the SQL parameter `$visible`: the client names, or NULL for all."""
        return {"visible": None if self.clients is None else list(self.clients)}


# What a viewer is told when a link or a name points outside their scope: the same whether the
# client is another manager's or does not exist, so the message confirms nothing.
NOT_YOURS = "Not one of your clients: ask your director for access."

EVERYONE = Scope()  # every client: what personal mode, a director and an admin see


def of_clients(clients: list[str] | tuple[str, ...], name: str = "") -> Scope:
    """A scope of the clients named (a viewer's list, or the clients a manager manages)."""
    return Scope(clients=tuple(sorted(set(clients))), name=name)
