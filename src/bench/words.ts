/** Plain English words for generated titles and synopses: realistic token statistics, no borrowed prose. */
export const TITLE_WORDS = `
abyss accord adrift aegis afterlife alliance anchor angel anomaly archive armada ascent ashes assembly asylum
aurora avalanche awakening balance banner barrier beacon bedrock beyond blackout blade blossom borderland
breach bridge brink broken canyon captive cascade castle catalyst cathedral chamber chaos chariot choir
cipher citadel clarity clockwork coast code colony comet compass conduit conquest constellation convoy
coral corridor council covenant crater crescent crossing crown crucible crystal current dagger dawn
daylight decoy deep delta descent desert destiny detour diamond distance divide dominion dream drift dust
echo eclipse edge ember emissary empire enigma envoy equinox escape exile exodus expanse faith fallout
farewell fault fever field fire flare flight flood fortress fracture frontier frost garden gate gathering
ghost glacier glass glimmer gravity guardian harbor harvest haven heart heir helix heritage hollow horizon
hunter hymn ice illusion inferno inheritance iron island journey judgment jungle keeper kingdom labyrinth
lament lantern legacy legend liberty lighthouse lightning lost lullaby machine maelstrom magnet mantle
marathon mask masquerade meadow memory mercy meridian meteor midnight mirage mirror monsoon monument moon
mosaic mountain mutiny myth nebula nexus night nomad north oasis oath oblivion ocean omen orbit orchard
origin outpost paradox passage pathfinder patriot pendulum pilgrim pinnacle pioneer planet prism prophecy
pulse quarry quest quiet radiance rain rampart ransom reckoning refuge relic remnant requiem resonance
revolt ridge rift river rogue ruin sanctuary satellite scar sentinel serpent shadow shelter shipwreck
shore signal silence siren sky solace solstice spark spectrum spiral spring star storm stranger summit
sunrise surge swarm tempest temple threshold thunder tide timber torch tower trace trail tranquility
treaty tribute triumph truce tundra twilight umbra undertow union valley vanguard vault veil vengeance
vessel vigil vision voyage wake wanderer warden wave whisper wilderness winter wreckage zenith
`
  .trim()
  .split(/\s+/);

export const TITLE_LINKS = ['of', 'the', 'in', 'and', 'beyond', 'under', 'for', 'at', 'from'];

export const STORY_WORDS = `
captain crew ship station planet colony signal alien species treaty council admiral engineer doctor
officer ensign commander pilot scientist diplomat prisoner refugee stranger ambassador child family
discovers investigates negotiates rescues defends betrays escapes repairs decodes explores confronts
protects follows warns accepts refuses reveals hides remembers forgets trusts doubts questions
mysterious ancient hostile damaged distant hidden forbidden sacred fragile powerful dangerous unknown
reactor shield engine transporter shuttle probe beacon artifact device weapon cure virus storm nebula
anomaly wormhole rift vortex moon asteroid outpost archive temple ruin city market border frontier
memory dream loyalty duty honor grief hope fear truth secret promise sacrifice bargain rebellion war peace
time past future ritual trial election festival ceremony mission message warning plague famine drought
`
  .trim()
  .split(/\s+/);

export const GLUE_WORDS = 'the a an and but while when after before as of to in on with from into against without'.split(' ');
