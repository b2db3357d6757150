"""Quality assurance: the rules (:mod:`.rules`), the judgement of a catalog
(:mod:`.runner`) and the report (:mod:`.report`)."""
