"""Texts of the sample bulletin with the Spanish a translator gave them, for the check tests."""

NAME = "sedi-2015-04"
REF = f"source/{NAME}.html"

RESULTS = (
    "The OAS facilitated the initial cooperation between the United States and Central America with "
    "the support of the Regional Center of MSME Promotion (CENPROMYPE), beginning with the project in "
    "El Salvador. After adapting the model to its own realities, the country has now improved its "
    "capacity to assist MSMEs. The results reported in 2014 are compelling: <1>12 centers, 80 advisors, "
    "3,197 clients, 5,830 jobs created, and $19 million in sales</1>. The Development Centers for Micro "
    "and Small Enterprises, created by the Ministry of Economics through the National Commission for "
    "Micro and Small Enterprises, now have local partners and national funding to support their operations."
)
RESULTS_ES = (
    "La OEA facilitó la cooperación inicial entre los Estados Unidos y Centroamérica con el apoyo del "
    "Centro Regional de Promoción de la MIPYME (CENPROMYPE), comenzando con el proyecto en El Salvador. "
    "Tras adaptar el modelo a sus propias realidades, el país ha mejorado su capacidad de asistir a las "
    "MIPYMES. Los resultados informados en 2014 son contundentes: <1>12 centros, 80 asesores, 3.197 "
    "clientes, 5.830 empleos creados y 19 millones de dólares en ventas</1>. Los Centros de Desarrollo "
    "para la Micro y Pequeña Empresa, creados por el Ministerio de Economía a través de la Comisión "
    "Nacional de la Micro y Pequeña Empresa, cuentan ahora con socios locales y financiamiento nacional "
    "para apoyar sus operaciones."
)
AUTHORITIES = (
    "The authorities responsible for supporting Micro, Small, and Medium Enterprises (<1>MSMEs</1>) in "
    "the Americas, representing 99% of the region’s businesses, exchanged experiences and identified "
    "potential areas for regional cooperation for the fourth time in the framework of <2>OAS</2>. The "
    "<3>IV Inter-American Dialogue of High Authorities of MSMEs</3> held April 16-17 in Washington, DC "
    "facilitated a rich exchange that concluded with a call to continue and strengthen this forum to "
    "address common challenges."
)
AUTHORITIES_ES = (
    "Las autoridades responsables de apoyar a las micro, pequeñas y medianas empresas (<1>MIPYMES</1>) "
    "en las Américas, que representan el 99 % de las empresas de la región, intercambiaron experiencias "
    "e identificaron posibles áreas de cooperación regional por cuarta vez en el marco de la <2>OEA</2>. "
    "El <3>IV Diálogo Interamericano de Altas Autoridades de MIPYMES</3>, celebrado del 16 al 17 de abril "
    "en Washington, DC, propició un rico intercambio que concluyó con un llamado a continuar y fortalecer "
    "este foro para abordar desafíos comunes."
)
QUESTION = (
    "What should the center of our policies and programs be in order to move us in the right direction? "
    "asked Insulza, inviting the authorities to reflect on the opportunity for cooperation presented at "
    "the dialogue. Insulza further stressed that “it is very fortunate that you all are gathered here, to "
    "contribute to a fruitful dialogue, based on the various issues that have to be considered to answer "
    "this question, in your own countries and collectively as a region.”"
)
QUESTION_ES = (
    "¿Qué debería estar en el centro de nuestras políticas y programas para avanzar en la dirección "
    "correcta? preguntó Insulza, invitando a las autoridades a reflexionar sobre la oportunidad de "
    "cooperación presentada en el diálogo. Insulza destacó además que “es muy afortunado que todos ustedes "
    "estén reunidos aquí, para contribuir a un diálogo fructífero, basado en los diversos temas que deben "
    "considerarse para responder a esta pregunta, en sus propios países y colectivamente como región.”"
)
FOOTER = ("© 2015 Organization of American States. 17th Street & Constitution Ave., N.W., "
          "Washington, D.C. 20006, USA. All rights reserved.")
FOOTER_ES = ("© 2015 Organización de los Estados Americanos. 17th Street & Constitution Ave., N.W., "
             "Washington, D.C. 20006, EE. UU. Todos los derechos reservados.")
URL = "Read the dialogue report at www.oas.org/en/sedi/desd/msme/ or write to sedi@oas.org."
URL_ES = "Lea el informe del diálogo en www.oas.org/en/sedi/desd/msme/ o escriba a sedi@oas.org."

#: msgid, msgstr, source line: real segments of the sample (and one with a URL).
CLEAN = [
    ("MSME Regional Dialogue Boosts Cooperation",
     "El Diálogo Regional sobre las MIPYME impulsa la cooperación", 48),
    (AUTHORITIES, AUTHORITIES_ES, 53),
    ("Organization of American States", "Organización de los Estados Americanos", 53),
    (QUESTION, QUESTION_ES, 55),
    ("Sherry Tross", "Sherry Tross", 56),
    ("strengthening institutions that support MSMEs;",
     "el fortalecimiento de las instituciones que apoyan a las MIPYMES;", 60),
    (RESULTS, RESULTS_ES, 74),
    (FOOTER, FOOTER_ES, 99),
    (URL, URL_ES, 100),
]
