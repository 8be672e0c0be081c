"""The iWmo / iJw 3.2 messages: facts (plain dataclasses) on one side, the standard's XML on the other.

`codec.build(facts) -> bytes` and `codec.parse(xml) -> facts` are each other's inverse; `codec.parse` raises
`MessageRefused` with the standard's retour codes when a message is malformed or breaks a rule of the standard.
"""
