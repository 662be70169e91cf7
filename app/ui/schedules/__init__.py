"""The schedules' screens: the Programmation overview (also the interface editor's
Programmations tab), the editor "Programmation > Nouveau", and the in-client scheduler."""
