"""The rules of the crisis cell: shared phones, overloaded referents, reflex steps, on-duty phones."""

from .model import WARNING, rule

# The crisis cell (DESIGN §3.1, §3.2: directory, deputies, on-duty phones, reflex steps)
rule(
    "telephone-partage",
    WARNING,
    "Le numéro {value} est celui de {who} ici et de {other} ({where}) : en crise, l'appel tombera sur "
    "une seule des deux personnes. Donnez à chacune son propre numéro hors réseau.",
    "Même numéro pour deux personnes",
)
rule(
    "referent-trop-de-services",
    WARNING,
    "{value} répond pour {count} services ({services}), plus de {limit} : en crise, une seule personne ne "
    "peut pas être jointe pour tous. Désignez d'autres référents ou des suppléants.",
    "Une personne pour trop de services",
)
rule(
    "etape-sans-informatique",
    WARNING,
    "L'étape {step} (phase « {phase} ») demande l'informatique (« {verb} ») alors qu'elle n'est plus "
    "disponible : préparez-le à l'avance (document imprimé et rangé dans le classeur de crise) et écrivez "
    "l'étape comme « prendre … dans le classeur de crise ».",
    "Étape qui suppose l'informatique",
)
rule(
    "telephone-garde-absent",
    WARNING,
    "Le service n'a pas de téléphone de garde : la cellule de crise appellera ses référents, de jour "
    "comme de nuit. Indiquez un numéro hors réseau répondu jour et nuit.",
    "Pas de téléphone de garde",
)
