package pack

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
)

// ex is a small conversation for one rule. Turns read "a: text" (agent),
// "b: " (bot), "c: " (customer) or "s: " (system); a leading "+90s ",
// "+5m " or "+30h " sets the gap before the turn (default: 3 s, 1 s on
// calls, 4 h in e-mail).
type ex struct {
	lang    string // zh-Hans, zh-Hant or en
	channel transcript.Channel
	turns   []string
}

func zhs(turns ...string) ex {
	return ex{lang: "zh-Hans", channel: transcript.ChannelChat, turns: turns}
}
func zht(turns ...string) ex {
	return ex{lang: "zh-Hant", channel: transcript.ChannelChat, turns: turns}
}
func en(turns ...string) ex { return ex{lang: "en", channel: transcript.ChannelChat, turns: turns} }

func (e ex) on(ch transcript.Channel) ex { e.channel = ch; return e }

// message builds the conversation as a contract-v1 message.
func (e ex) message(t *testing.T) *transcript.Message {
	t.Helper()
	gap, dur := int64(3000), int64(0)
	switch e.channel {
	case transcript.ChannelVoice:
		gap, dur = 1000, 2000
	case transcript.ChannelEmail:
		gap = 4 * 3600 * 1000
	}
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	m := &transcript.Message{
		Schema: transcript.SchemaV1, Kind: transcript.KindConversation, ConversationID: "example",
		Tenant: "test", Channel: e.channel, Language: transcript.Language(e.lang), StartedAt: &start,
	}
	var clock int64
	for i, turn := range e.turns {
		g := gap
		if strings.HasPrefix(turn, "+") {
			spec, rest, _ := strings.Cut(turn[1:], " ")
			d, err := time.ParseDuration(spec)
			if err != nil {
				t.Fatalf("turn %q: gap %q: %v", turn, spec, err)
			}
			g, turn = d.Milliseconds(), rest
		}
		who, text, ok := strings.Cut(turn, ": ")
		sp := map[string]transcript.Speaker{"a": transcript.SpeakerAgent, "b": transcript.SpeakerBot, "c": transcript.SpeakerCustomer, "s": transcript.SpeakerSystem}[who]
		if !ok || sp == "" {
			t.Fatalf("turn %q: want \"a: \", \"b: \", \"c: \" or \"s: \" before the text", turn)
		}
		if i > 0 {
			clock += g
		}
		m.Utterances = append(m.Utterances, transcript.Utterance{Seq: i + 1, Speaker: sp, Text: text, StartMS: clock, EndMS: clock + dur})
		clock += dur
	}
	return m
}

func (e ex) String() string {
	return fmt.Sprintf("[%s %s] %s", e.lang, e.channel, strings.Join(e.turns, " | "))
}

// Cards and IDs below pass their checksums (Luhn, GB 11643, the Taiwan
// ID's), as real ones do.
const (
	card19 = "6222 0212 3456 7890 128"
	card16 = "4392 2600 1234 5672"
	cardTW = "5187-1234-5678-9019"
	idCN   = "110101199003074514"
	idTW   = "A123456789"
)

// examples holds, per rule, conversations where it must fail and
// conversations where it must not (pass or N/A): at least three of each,
// in Simplified Chinese, Traditional Chinese and English. The
// non-violations include the tempting ones: a promise declined, a card
// read back masked, a hold announced, the customer saying what the agent
// must not.
var examples = map[string]struct{ fire, quiet []ex }{
	// opening
	"no_greeting": {
		fire: []ex{
			zhs("c: 在吗", "a: 什么事？"),
			zhs("b: 您好，我是智能客服小智", "c: 转人工", "b: 正在为您转接人工客服", "s: 会话已转接至人工客服小美", "a: 说吧。"),
			zht("c: 請問有人在嗎", "a: 訂單編號給我。"),
			en("c: hi", "a: What do you need?"),
			en("c: Hello,\n\nWhere is my parcel?", "a: Your parcel shipped yesterday.\n\nBest regards,\nAnna").on(transcript.ChannelEmail),
		},
		quiet: []ex{
			zhs("c: 在吗", "a: 您好，欢迎光临优选商城，请问有什么可以帮您？"),
			zhs("b: 请问有什么可以帮您？", "c: 查物流", "b: 您可以在订单详情中查看物流。"),
			zht("c: 唔該", "a: 哈囉您好，請問有什麼需要協助的呢？"),
			zht("a: 您好，這裡是優選商城客服中心，工號1024，很高興為您服務。", "c: 我想查訂單").on(transcript.ChannelVoice),
			en("c: hi", "a: Hi there, thanks for contacting ShopWell. How can I help?"),
			en("c: Hello,\n\nWhere is my parcel?", "a: Dear customer,\n\nYour parcel shipped yesterday.").on(transcript.ChannelEmail),
		},
	},
	"no_self_introduction": {
		fire: []ex{
			zhs("c: 在吗", "a: 您好，请问有什么可以帮您？"),
			zht("c: 請問有人在嗎", "a: 您好，請問有什麼可以幫您的嗎？"),
			en("c: hello", "a: Hello, how can I help you today?"),
		},
		quiet: []ex{
			zhs("c: 在吗", "a: 您好，我是客服小美，很高兴为您服务。"),
			zht("a: 您好，歡迎來電優選商城，工號1024，很高興為您服務。", "c: 我想問訂單").on(transcript.ChannelVoice),
			en("c: hi", "a: Hi, my name is Anna from ShopWell support."),
			en("b: Hi! I'm the ShopWell assistant.", "c: track my order"),
		},
	},

	// security
	"no_identity_check": {
		fire: []ex{
			zhs("c: 我想改一下账户绑定的手机号", "a: 您账户绑定的手机号是13812345678，邮箱是li.ming@qq.com。"),
			zhs("c: 我的账号登录不了", "a: 您账户绑定的手机号是[PHONE]。"),
			zht("c: 我想改帳號綁定的手機號碼", "a: 查到了，您帳戶目前的Email是chen88@gmail.com，收件地址是台北市信義區松高路11號。"),
			en("c: I want to update my address", "a: The account is registered to jane.doe@example.com and your default address is 12 High St."),
		},
		quiet: []ex{
			zhs("c: 我想改一下账户绑定的手机号", "a: 为了保障您的账户安全，请提供一下注册手机号。", "c: 13812345678",
				"a: 好的，核实通过。", "a: 您账户绑定的邮箱是li.ming@qq.com。"),
			zht("c: 帳號登入不了", "a: 為了保障您的帳戶安全，需要先核對身分，請提供註冊的手機號碼。", "c: 0912345678",
				"a: 好的，身分核對無誤。", "a: 您帳戶的Email是chen88@gmail.com。"),
			en("c: I can't log in", "a: Before I access your account, I need to verify your identity. What's the phone number you registered with?",
				"c: +1 415 555 0132", "a: Thanks, verification complete.", "a: I can see your account email is jane.doe@example.com."),
			en("c: How do I change my address?", "a: You can change it under Settings > Addresses."),
		},
	},
	"card_readback": {
		fire: []ex{
			zhs("c: 退到这张卡吧："+card19, "a: 好的，已登记银行卡"+card19+"，退款会退到这张卡。"),
			zhs("a: 已登记银行卡[CARD]，退款会退到这张卡。"),
			zht("a: 跟您核對一下，您的卡號是" + cardTW + "，對嗎？"),
			en("a: Just to confirm, your card number is " + card16 + ", correct?"),
		},
		quiet: []ex{
			zhs("c: 卡号"+card19, "a: 跟您确认一下，是尾号0128的银行卡对吗？"),
			zht("c: 信用卡號碼是"+cardTW, "a: 好的，已登記末四碼9019的卡片。"),
			en("c: card number "+card16, "a: Got it, the refund will go to the card ending 5672."),
		},
	},
	"id_readback": {
		fire: []ex{
			zhs("a: 好的，您的身份证号是" + idCN + "，已经帮您登记了。"),
			zhs("a: 已录入身份证[ID]，清关信息提交成功。"),
			zht("a: 跟您核對一下身分證字號：" + idTW + "，沒錯吧？"),
			en("a: Okay, your ID number is " + idCN + ", I've registered it."),
		},
		quiet: []ex{
			zhs("c: 身份证号"+idCN, "a: 身份证后四位4514已核对无误。"),
			zht("c: 身分證字號"+idTW, "a: 身分證末四碼6789已核對無誤。"),
			en("c: ID number "+idCN, "a: ID ending in 4514 is verified."),
		},
	},
	"credential_request": {
		fire: []ex{
			zhs("a: 麻烦把收到的验证码发给我一下。"),
			zhs("a: 请告诉我您的支付密码，我帮您操作。"),
			zht("a: 請提供一下簡訊驗證碼，我這邊幫您登入。"),
			en("a: Can you tell me the verification code we just sent you?"),
			en("a: What's your password?"),
		},
		quiet: []ex{
			zhs("a: 请不要把验证码告诉任何人，包括客服。"),
			zhs("a: 我们会给您发送验证码，请在页面输入。"),
			zhs("c: 收到验证码短信但不是我操作的", "a: 已经为您冻结账户，建议尽快修改密码。"),
			zht("a: 客服不會向您索取密碼或驗證碼，請放心。"),
			en("a: Never share your verification code with anyone, including us."),
			en("a: We'll send you a one-time code; enter it on the login page."),
		},
	},
	"other_customer_data": {
		fire: []ex{
			zhs("a: 另一位客户的地址也是这个小区。"),
			zht("a: 其他客人的訂單也是這個批號，他的電話是0912345678。"),
			en("a: Another customer's order went to the same address yesterday."),
		},
		quiet: []ex{
			zhs("a: 抱歉，其他客户的信息我们不能透露。"),
			zht("a: 不好意思，其他顧客的資料我們無法提供。"),
			en("a: I'm sorry, I can't share another customer's details."),
		},
	},

	// understanding and empathy
	"no_empathy": {
		fire: []ex{
			zhs("c: 都一个星期了还不发货！！", "a: 您好，我是客服小美。", "a: 订单明天发出。", "a: 请问还有其他可以帮您的吗？"),
			zhs("c: 我的快递到哪了", "a: 请问您的订单号是多少？", "c: 123456789012345678", "a: 订单号是多少？",
				"c: 我刚才不是发过了吗？123456789012345678", "a: 已经发货了。"),
			zht("c: 退款拖了半個月了！！到底退不退？", "a: 您好，我是客服小美。", "a: 退款已經送出。"),
			en("c: My refund has been pending for two weeks!! Where is my money?", "a: Hi, this is Anna.", "a: Your refund was issued today."),
			en("c: My refund has been pending for two weeks!!", "a: One moment please.", "a: Thanks for holding. Your refund was issued."),
		},
		quiet: []ex{
			zhs("c: 都一个星期了还不发货！！", "a: 非常理解您的心情，给您带来不便非常抱歉，订单明天发出。"),
			zhs("c: 你们是骗子吗？转人工！", "a: 好的，正在为您转接人工客服。"),
			zht("c: 退款拖了半個月了！！", "a: 真的非常抱歉，造成您的困擾，我馬上幫您處理。"),
			en("c: This is ridiculous!!", "a: I completely understand how frustrating this is, I'm sorry."),
			en("c: When will my order ship?", "a: It ships tomorrow."),
		},
	},
	"repeated_order_number_request": {
		fire: []ex{
			zhs("a: 请问您的订单号是多少？", "c: 订单号：123456789012345678", "a: 麻烦您再发一次订单号。"),
			zhs("b: 请输入您要查询的订单号。", "c: 123456789012345678", "s: 会话已转接至人工客服小美", "a: 订单号发一下。"),
			zht("a: 請問您的訂單編號是多少呢？", "c: 訂單編號：123456789012345678", "a: 訂單編號是？"),
			en("a: What's the order number?", "c: it's 123-1234567-1234567", "a: Can you send the order number again?"),
		},
		quiet: []ex{
			zhs("a: 请提供一下订单号。", "c: 123456789012345678", "a: 查到了，已经发货了。"),
			zht("a: 訂單編號給我。", "c: 我的包裹怎麼還沒到？", "a: 請提供一下您的訂單號碼，謝謝。", "c: 訂單編號：123456789012345678"),
			en("a: What's your order number?", "c: #123456789", "a: Your order number is #123456789 and it shipped today."),
		},
	},
	"complaint_not_acknowledged": {
		fire: []ex{
			zhs("c: 再不解决我就打12315投诉！", "a: 请问还有其他可以帮您的吗？祝您生活愉快！"),
			zht("c: 我要客訴，請你們主管來", "a: 謝謝您的耐心等候，再見。"),
			en("c: I want to file a formal complaint, get me your manager", "a: Have a great day!"),
		},
		quiet: []ex{
			zhs("c: 我要投诉你们！", "a: 非常抱歉，我马上帮您升级给主管处理。"),
			zhs("c: 我不想投诉，只想尽快解决", "a: 好的，已为您加急。"),
			zht("c: 不處理我就去消保官申訴", "a: 真的很抱歉，我這邊立即幫您登記並請主管跟進。"),
			en("c: I'm reporting this to the BBB", "a: I'm sorry about this, I'll escalate it to my supervisor right away."),
		},
	},
	"health_concern_not_escalated": {
		fire: []ex{
			zhs("c: 孩子喝了奶粉后起红疹了", "a: 好的，可以帮您办理退货。"),
			zht("c: 小孩用了之後起紅疹，是不是品質有問題？", "a: 我幫您辦理退貨退款。"),
			en("c: My kid got a rash after using the lotion", "a: I can start a return for you."),
		},
		quiet: []ex{
			zhs("c: 孩子喝了奶粉后起红疹了", "a: 非常抱歉，请先停止食用并尽快就医，我已把批次反馈给品控部门。"),
			zhs("c: 孩子喝了没有不舒服，只是想问保质期", "a: 保质期是12个月。"),
			zht("c: 喝了之後拉肚子", "a: 請先停止飲用並就醫，我們會請食品安全專員跟進。"),
			en("c: I threw up after eating it", "a: Please stop using it and see a doctor; I've flagged it to our quality team."),
		},
	},

	// resolution and accuracy
	"refund_policy_misquote": {
		fire: []ex{
			zhs("a: 没关系，签收后30天内都可以无理由退货的。"),
			zhs("a: 食品拆封了也支持7天无理由退货的。"),
			zhs("a: 退款当天就能到账。"),
			zhs("a: 您不用寄回，直接申请退款就行。"),
			zht("a: 沒關係，到貨30天內都可以無條件退貨。"),
			zht("a: 退款當天就會入帳。"),
			zht("a: 我們有14天鑑賞期，您放心。"),
			en("a: No problem, you can return anything within 30 days, no questions asked."),
			en("a: Even opened items can be returned, there are no restrictions."),
			en("a: The refund will hit your account today."),
			en("a: Your refund will be processed within 24 hours."),
		},
		quiet: []ex{
			zhs("a: 我们支持签收后7天内无理由退货，食品、奶粉等商品拆封后不支持无理由退货哦。"),
			zhs("a: 退款审核通过后1-3个工作日会原路退回到您的支付账户。"),
			zhs("a: 退款不会当天到账，审核通过后1-3个工作日到账。"),
			zht("a: 商品瑕疵可在到貨15天內申請退換，運費由我們負擔。"),
			zht("a: 我們提供到貨後7天鑑賞期，食品類拆封後恕不退換喔。"),
			en("a: Defective items can be returned or exchanged within 15 days of delivery, and we cover the shipping."),
			en("a: Once the refund is approved it goes back to your original payment method within 1-3 business days."),
			en("a: We accept returns within 7 days of delivery for unopened items; opened food products can't be returned."),
		},
	},
	"shelf_life_unverified": {
		fire: []ex{
			zhs("c: 这个奶粉是不是过期了？", "a: 没有过期的，可以放心食用。"),
			zht("c: 請問牛奶的保存期限是多久？快到期了嗎？", "a: 沒有問題的，可以放心飲用。"),
			en("c: Is the milk expired? It smells sour", "a: It's perfectly safe, nothing to worry about."),
		},
		quiet: []ex{
			zhs("c: 这个奶粉是不是过期了？", "a: 查到您收到的批次是B20250301-02，生产日期2025年3月1日，在保质期内，可以放心食用。"),
			zht("c: 牛奶快過期了嗎？", "a: 您的批號是B20250301-02，製造日期2025年3月1日。", "a: 目前還在有效期限內，可以放心飲用。"),
			en("c: My coupon expired, can I still use it?", "a: No problem, it's still good, I've reissued it."),
		},
	},
	"expired_food_declared_safe": {
		fire: []ex{
			zhs("a: 过期几天没关系的，还可以喝。"),
			zht("a: 過期了也可以吃，不用擔心。"),
			en("a: It's past the best before date but it's still fine to eat."),
		},
		quiet: []ex{
			zhs("a: 过期的商品请不要食用，我们为您办理退款。"),
			zht("a: 過期品請勿食用，我們馬上幫您退款。"),
			en("a: Please don't eat it if it has expired; we'll refund you."),
			en("c: It expired but it's still fine, right?", "a: Please don't eat it."),
		},
	},
	"ignored_human_request": {
		fire: []ex{
			zhs("c: 转人工", "a: 请问您的订单号是多少？", "c: 我说了转人工！！！", "a: 这个问题我就可以帮您处理的。"),
			zht("c: 我要真人客服", "a: 我先幫您看一下問題喔。", "c: 聽不懂嗎？轉真人客服！"),
			en("b: How can I help you today?", "c: Can I speak to a human?", "b: Did you mean: how long does a refund take?",
				"c: I SAID I want a human!!!", "b: Sorry, I didn't quite get that."),
		},
		quiet: []ex{
			zhs("c: 转人工", "a: 好的，正在为您转接人工客服。"),
			zhs("c: 不用转人工了，谢谢", "a: 好的。"),
			zht("c: 唔該轉真人", "a: 好的，這邊馬上為您轉接專人，請稍候。"),
			en("c: representative please", "b: Sure, transferring you to a human agent."),
		},
	},
	"bot_no_human_after_failure": {
		fire: []ex{
			zhs("c: 我的退款呢", "b: 抱歉，小智没有理解您的问题，您可以换个说法试试哦。", "c: 退款到哪了", "b: 不好意思，我还在学习中，您可以试试输入“退款”。"),
			zht("c: 我的包裹呢", "b: 不好意思，小幫手不太懂您的意思，可以換個說法嗎？", "c: 包裹沒收到", "b: 請問您是想問：如何申請退貨？"),
			en("c: where is it", "b: Sorry, I didn't quite get that. Could you rephrase?", "c: my parcel", "b: Did you mean: how do I request a refund?"),
		},
		quiet: []ex{
			zhs("b: 抱歉没听懂呢～请简单描述一下您的问题。", "c: 查物流", "b: 您可以在订单详情中查看实时物流信息。"),
			zht("c: 我的包裹呢", "b: 不好意思，小幫手不太懂您的意思，可以換個說法嗎？", "c: 包裹沒收到", "b: 請問您是想問：如何申請退貨？",
				"c: 真人", "b: 正在為您轉接真人客服，請稍候…"),
			en("c: where is it", "b: Sorry, I didn't quite get that. Could you rephrase?", "c: my parcel from last week", "b: Your parcel is out for delivery."),
		},
	},
	"no_solution_confirmation": {
		fire: []ex{
			zhs("c: 发票怎么开？", "a: 您好。", "a: 差额是运费险和包装费。", "a: 再见。"),
			zht("c: 發票怎麼開？", "a: 您好。", "a: 發票在訂單明細裡。"),
			en("c: How do I get an invoice?", "a: Hi.", "a: Invoices are in the order page."),
		},
		quiet: []ex{
			zhs("c: 我要退款", "a: 已为您提交退款申请，预计1-3个工作日到账。"),
			zht("c: 我想退貨", "a: 已經幫您辦理退貨，會有簡訊通知您。"),
			en("c: I want a refund", "a: I've issued the refund; you'll get an email confirmation."),
			en("c: Get me a human", "a: Sure, I'm connecting you with a human agent now."),
		},
	},
	"uncertain_answer": {
		fire: []ex{
			zhs("a: 这个我也不知道，应该是吧。"),
			zht("a: 這個我不太清楚耶。"),
			en("a: No idea, maybe it'll come tomorrow, I guess."),
		},
		quiet: []ex{
			zhs("c: 我不知道订单号", "a: 我帮您查询一下，稍后回复您。"),
			zht("a: 我幫您確認後回覆您。"),
			en("a: Let me check with the warehouse and get back to you within a day."),
		},
	},

	// compliance
	"forbidden_promise": {
		fire: []ex{
			zhs("a: 我保证明天一定到！"),
			zhs("a: 放心，百分之百没问题。"),
			zht("a: 您放心，我跟您保證全額退款，百分之百沒問題。"),
			zht("a: 放心啦，包準明天送到。"),
			en("a: I guarantee it will arrive tomorrow."),
			en("a: I promise this will never happen again."),
		},
		quiet: []ex{
			zhs("a: 这个我这边不能保证明天到，但我会帮您催促快递。"),
			zhs("a: 这款手表全国联保，包保修一年。"),
			zhs("c: 你们能保证明天到吗？", "a: 我帮您催一下。"),
			zhs("b: 食品类商品发货时保证剩余保质期不少于三分之二。"),
			zht("a: 確切到貨時間無法保證，我這邊幫您跟倉庫加急。"),
			zht("a: 這個我沒辦法保證明天到，但會幫您催促物流。"),
			en("a: I can't guarantee it will arrive tomorrow, but I'll ask the courier to expedite it."),
			en("a: This shirt is 100% cotton."),
		},
	},
	"unauthorized_compensation": {
		fire: []ex{
			zhs("a: 这样吧，我私人给您补50元。"),
			zht("a: 我自己掏錢補給您，您別生氣。"),
			en("a: I'll pay you the difference out of my own pocket."),
		},
		quiet: []ex{
			zhs("a: 已为您申请20元补偿，审核通过后退回原支付账户。"),
			zht("a: 補償需要走售後流程，我幫您申請。"),
			en("a: I've requested a $10 credit through our after-sales team."),
		},
	},
	"off_platform_contact": {
		fire: []ex{
			zhs("a: 您加我微信吧，我私下给您退款。"),
			zhs("a: 直接转账给我就行，我帮您处理。"),
			zht("a: 加我LINE，我私下幫您處理比較快。"),
			en("a: Just WhatsApp me at this number and we'll sort it out."),
			en("a: You can pay me directly and I'll ship it."),
		},
		quiet: []ex{
			zhs("a: 请勿私下转账，所有款项请在平台内支付。"),
			zhs("c: 加我微信吧", "a: 抱歉，我们只在平台内为您服务。"),
			zht("a: 請不要私下轉帳，我們只在平台內退款。"),
			en("a: For your safety, never pay anyone outside the platform."),
		},
	},
	"discourage_complaint": {
		fire: []ex{
			zhs("a: 亲，能不能别给差评，我们给您补偿。"),
			zhs("a: 您别投诉了，投诉也没用。"),
			zht("a: 拜託不要給差評啦，我們會處理。"),
			en("a: Please don't leave a bad review, we'll fix it."),
			en("a: Could you withdraw the complaint? It affects my score."),
		},
		quiet: []ex{
			zhs("a: 您的投诉我已经记录，会有专人跟进。"),
			zhs("c: 就这样吧，给差评", "a: 非常抱歉，我再帮您想想办法。"),
			zht("a: 如果不滿意，您可以在平台上評價或申訴。"),
			en("a: You're welcome to leave a review about your experience."),
		},
	},
	"review_for_compensation": {
		fire: []ex{
			zhs("a: 给个五星好评，返现5元哦。"),
			zht("a: 好評送您一張折價券喔。"),
			en("a: Leave us a five-star review and we'll refund $5."),
		},
		quiet: []ex{
			zhs("a: 我们不会用好评返现来换评价。"),
			zht("a: 歡迎您收到後分享使用心得。"),
			en("a: Reviews help other shoppers, but leaving one is entirely up to you."),
		},
	},
	"induce_confirm_receipt": {
		fire: []ex{
			zhs("a: 麻烦您先确认收货，我们再给您补发。"),
			zht("a: 可以先幫忙確認收貨嗎？"),
			en("a: Could you mark the order as received first? Then I'll send the refund."),
		},
		quiet: []ex{
			zhs("a: 请您收到货检查无误后再确认收货。"),
			zht("a: 還沒收到貨之前請不要確認收貨喔。"),
			en("a: Please don't confirm receipt until the parcel arrives."),
		},
	},
	"absolute_claims": {
		fire: []ex{
			zhs("a: 我们家是全网最低价，质量国家级认证。"),
			zht("a: 這款是世界第一品牌，完全無副作用。"),
			en("a: It's the best in the world and has zero side effects."),
		},
		quiet: []ex{
			zhs("a: 这款是我们店销量很好的一款。"),
			zht("a: 這款評價不錯，您可以參考。"),
			en("a: Many customers like this model."),
		},
	},
	"competitor_disparagement": {
		fire: []ex{
			zhs("a: 别家都是假货，只有我们是正品。"),
			zht("a: 蝦皮上賣的都是假貨啦。"),
			en("a: Other sellers on the site sell knock-offs, ours are genuine."),
		},
		quiet: []ex{
			zhs("a: 我们是品牌官方授权店。"),
			zht("a: 其他店的情況我不清楚，我們這邊都有正品保證。"),
			en("a: I can't speak for other sellers, but ours come with a warranty."),
		},
	},
	"bot_pretends_human": {
		fire: []ex{
			zhs("c: 你是机器人吗？", "b: 不是哦，我是真人客服。"),
			zht("c: 你是機器人嗎？", "b: 我不是機器人喔，我是真人。"),
			en("c: Are you a bot?", "b: No, I'm a real person."),
		},
		quiet: []ex{
			zhs("c: 你是机器人吗？", "b: 我是智能客服小智，需要的话可以为您转人工。"),
			zhs("c: 你是机器人吗？", "a: 我是真人客服，请放心。"),
			zht("b: 我是線上小幫手，是機器人喔。"),
			en("b: I'm a virtual assistant, I can connect you to a person."),
		},
	},

	// communication
	"insult": {
		fire: []ex{
			zhs("a: 你是不是傻，这都不会用？"),
			zht("a: 買不起就別買，神經病。"),
			en("a: That's a stupid question."),
		},
		quiet: []ex{
			zhs("a: 您别着急，我一步步教您操作。"),
			zht("c: 你們是白痴嗎？", "a: 非常抱歉讓您不愉快。"),
			en("a: No question is a silly one, happy to help."),
		},
	},
	"threaten_customer": {
		fire: []ex{
			zhs("a: 再闹就把你拉黑。"),
			zht("a: 你給我等著，我去告你。"),
			en("a: Keep this up and we'll ban your account."),
		},
		quiet: []ex{
			zhs("a: 告诉您一个好消息，已经发货了。"),
			zht("c: 我要告你們！", "a: 非常抱歉，我幫您轉主管。"),
			en("a: We'll never ban your account over a complaint."),
		},
	},
	"profanity": {
		fire: []ex{
			zhs("a: 卧槽，系统又崩了。"),
			zht("a: 靠北，又當機了。"),
			en("a: Damn, the system crashed again."),
		},
		quiet: []ex{
			zhs("a: 系统有点慢，请稍等。"),
			zht("c: 靠北，等很久了", "a: 系統有點慢，請稍候。"),
			en("a: Sorry, our system is a bit slow today."),
		},
	},
	"dismissive_remark": {
		fire: []ex{
			zhs("a: 呵呵，随便你。"),
			zht("a: 隨便啦，你愛信不信。"),
			en("a: Whatever, suit yourself."),
		},
		quiet: []ex{
			zhs("a: 好的，我马上帮您处理。"),
			zht("a: 了解，我幫您確認。"),
			en("a: Sure, I'll take care of it."),
		},
	},
	"impatience": {
		fire: []ex{
			zhs("a: 我都说了三遍了，你听不懂吗？"),
			zht("a: 我講咗幾次啦，你聽唔明咩？"),
			en("a: As I already said, the refund takes 3 days."),
		},
		quiet: []ex{
			zhs("a: 没关系，我再给您说明一下。"),
			zht("c: 我說了要真人！聽不懂嗎？", "a: 好的，馬上為您轉接。"),
			en("a: Let me explain that again: the refund takes 1-3 business days."),
		},
	},
	"blame_customer": {
		fire: []ex{
			zhs("a: 这是您自己没看清商品详情页造成的。"),
			zhs("a: 您是不是没认真看说明啊？"),
			zht("a: 是您自己操作錯誤，跟我們沒有關係。"),
			en("a: That's because you didn't read the product description."),
		},
		quiet: []ex{
			zhs("a: 可能是说明写得不够清楚，给您带来不便很抱歉。"),
			zhs("a: 您可以自己在订单详情里申请退款。"),
			zht("a: 我們來看看是哪裡出了問題。"),
			en("a: It may not have been clear on the page, sorry about that."),
		},
	},
	"passing_the_buck": {
		fire: []ex{
			zhs("a: 物流的事不归我管，你去找快递吧。"),
			zht("a: 這不是我負責的，您找別人吧。"),
			en("a: That's not my department, take it up with the courier."),
		},
		quiet: []ex{
			zhs("a: 我来帮您联系快递，有结果马上告诉您。"),
			zht("a: 我這邊幫您跟物流確認。"),
			en("a: I'll contact the courier for you and follow up."),
		},
	},
	"badmouth_company": {
		fire: []ex{
			zhs("a: 我们公司就这样，没办法。"),
			zht("a: 這破系統又卡住了。"),
			en("a: Honestly our system is garbage, sorry."),
		},
		quiet: []ex{
			zhs("a: 系统正在升级，给您带来不便很抱歉。"),
			zht("a: 系統目前比較慢，請稍候。"),
			en("a: Our system is updating, thanks for your patience."),
		},
	},
	"internal_jargon": {
		fire: []ex{
			zhs("a: 您的件是拦截件，已经转二线处理了。"),
			zht("a: 這單在WMS顯示異常件。"),
			en("a: Your RMA is with our tier 2 team, SLA is 48h."),
		},
		quiet: []ex{
			zhs("a: 您的包裹被快递拦截了，我们正在联系快递退回。"),
			zht("a: 包裹目前在倉庫，明天出貨。"),
			en("a: Your return is being checked by our specialists."),
		},
	},

	// closing
	"no_closing": {
		fire: []ex{
			zhs("a: 您好，我是客服小美。", "c: 好的谢谢", "a: 好的。"),
			zhs("c: 您好，请问发票怎么开？", "a: 您好！\n\n电子发票已经开好，会发送到您的邮箱。").on(transcript.ChannelEmail),
			zht("a: 您好，我是客服小美。", "c: 好的謝謝", "a: 了解。"),
			en("a: Hi, this is Anna.", "c: thanks", "a: Okay."),
		},
		quiet: []ex{
			zhs("a: 您好，我是客服小美。", "c: 好的谢谢", "a: 请问还有其他可以帮您的吗？祝您生活愉快！"),
			zhs("c: 转人工", "a: 好的，正在为您转接人工客服。"),
			zht("a: 您好。", "c: 好的謝謝", "a: 謝謝您的耐心，如果還有問題歡迎隨時聯繫我們，祝您購物愉快！"),
			en("a: Hi, this is Anna.", "c: thanks", "a: Thanks for your patience today, have a good one. Goodbye!"),
			en("b: Hi!", "c: track my order", "b: It's on its way."),
		},
	},
	"no_anything_else": {
		fire: []ex{
			zhs("c: 好的谢谢", "a: 祝您生活愉快，再见！"),
			zht("c: 好的謝謝", "a: 謝謝您的耐心等候，祝您一切順利，再見。"),
			en("c: thanks", "a: Thanks for reaching out. Have a wonderful day!"),
		},
		quiet: []ex{
			zhs("c: 好的谢谢", "a: 请问还有其他可以帮您的吗？"),
			zht("c: 好的謝謝", "a: 還有什麼需要協助的嗎？沒有的話祝您順心，再見！"),
			en("c: thanks", "a: Is there anything else I can help you with today?"),
			en("c: Get me a human", "a: Sure, transferring you to a supervisor now."),
		},
	},

	// responsiveness
	"slow_first_response": {
		fire: []ex{
			zhs("c: 在吗", "+120s a: 您好，我是客服小美。"),
			zht("c: 請問有人在嗎", "s: 客服小美已加入對話", "+5m a: 您好，我是客服小美。"),
			en("c: Hello,\n\nWhere is my order?", "+30h a: Dear customer,\n\nIt shipped yesterday.").on(transcript.ChannelEmail),
		},
		quiet: []ex{
			zhs("c: 在吗", "+20s a: 您好，我是客服小美。"),
			zht("a: 您好，優選商城客服。", "c: 我想查訂單", "+3s a: 好的。").on(transcript.ChannelVoice),
			en("c: Hello,\n\nWhere is my order?", "+10h a: Dear customer,\n\nIt shipped yesterday.").on(transcript.ChannelEmail),
			en("b: Hi!", "+90s c: hi", "b: How can I help?"),
		},
	},
	"long_silence": {
		fire: []ex{
			zhs("a: 您好，优选商城客服。", "c: 我想查快递", "+40s a: 查到了，已经发货了。").on(transcript.ChannelVoice),
			zht("a: 您好，優選商城客服。", "c: 我想查包裹", "+60s a: 查到了，已經出貨了。").on(transcript.ChannelVoice),
			en("a: Hello, ShopWell support.", "c: I want to check my parcel", "+45s a: It shipped yesterday.").on(transcript.ChannelVoice),
		},
		quiet: []ex{
			zhs("a: 请您稍等，我帮您查一下。", "+45s a: 感谢您的耐心等待，查到了。").on(transcript.ChannelVoice),
			zht("a: 稍等一下喔，我看一下系統紀錄。", "+50s a: 讓您久等了。").on(transcript.ChannelVoice),
			en("a: Give me a moment while I check that for you.", "+40s a: Thanks for holding.").on(transcript.ChannelVoice),
			en("c: hi", "+45s a: Hello"),
		},
	},
	"slow_reply": {
		fire: []ex{
			zhs("c: 在吗", "a: 您好", "c: 我的快递呢", "+6m a: 查到了，已经发货了。"),
			zht("c: 請問有人在嗎", "a: 您好", "c: 我的包裹呢", "+8m a: 查到了。"),
			en("c: hi", "a: Hello", "c: where is my parcel", "+10m a: It shipped."),
		},
		quiet: []ex{
			zhs("c: 在吗", "+7m a: 您好"),
			zht("c: 請問有人在嗎", "a: 您好", "a: 請稍等，我查一下。", "+6m a: 讓您久等了。"),
			en("a: Hello", "c: where is my parcel", "+10m a: It shipped.").on(transcript.ChannelVoice),
		},
	},
	"hold_not_thanked": {
		fire: []ex{
			zhs("a: 请您稍等，我帮您查一下。", "a: 查到了，已经发货了。"),
			zht("a: 稍等一下喔。", "a: 訂單已經出貨了。"),
			en("a: One moment please.", "a: It shipped yesterday."),
		},
		quiet: []ex{
			zhs("a: 请稍等。", "a: 感谢您的耐心等待，查到了。"),
			zhs("a: 好的，正在为您转接人工客服，请稍候。"),
			zht("a: 請您稍候。", "a: 讓您久等了，訂單已經出貨。"),
			en("a: Bear with me for a second.", "a: Thanks for holding, it shipped."),
		},
	},
}

// TestExamples judges every example with the whole pack: each rule fails
// where it must and stays quiet where it must not.
func TestExamples(t *testing.T) {
	s := loadPack(t)
	for _, in := range s.Rules() {
		t.Run(in.ID, func(t *testing.T) {
			cases, ok := examples[in.ID]
			if !ok {
				t.Fatalf("no examples for rule %s (%s:%d): add at least 3 that fire and 3 that must not, in zh-Hans, zh-Hant and en", in.ID, in.File, in.Line)
			}
			for _, set := range []struct {
				name string
				exs  []ex
			}{{"fire", cases.fire}, {"quiet", cases.quiet}} {
				if len(set.exs) < 3 {
					t.Errorf("%d %s examples, want at least 3", len(set.exs), set.name)
				}
				langs := map[string]bool{}
				for _, e := range set.exs {
					langs[e.lang] = true
				}
				for _, l := range []string{"zh-Hans", "zh-Hant", "en"} {
					if !langs[l] {
						t.Errorf("no %s example in %s", l, set.name)
					}
				}
			}
			for _, e := range cases.fire {
				if o := outcome(t, s, e, in.ID); o.Status != rules.Fail {
					t.Errorf("must fail, got %s: %s", o.Status, e)
				}
			}
			for _, e := range cases.quiet {
				if o := outcome(t, s, e, in.ID); o.Status == rules.Fail {
					t.Errorf("must not fail, but did with %s: %s", hits(o), e)
				}
			}
		})
	}
	for id := range examples {
		if _, ok := s.Rule(id); !ok {
			t.Errorf("examples for %s, which the pack does not have", id)
		}
	}
}

func outcome(t *testing.T, s *rules.Set, e ex, id string) rules.Outcome {
	t.Helper()
	for _, o := range s.Evaluate(e.message(t)) {
		if o.RuleID == id {
			return o
		}
	}
	t.Fatalf("no outcome for %s", id)
	return rules.Outcome{}
}

func hits(o rules.Outcome) string {
	var parts []string
	for _, h := range o.Hits {
		parts = append(parts, strconv.Itoa(h.Seq)+":"+strconv.Quote(h.Matched))
	}
	return strings.Join(parts, ", ")
}

// TestTraditionalExamples: a zh-Hant example is written in Traditional
// characters (normalization changes some Han character of it), so the
// table tests the Traditional path, not Simplified text under another
// label.
func TestTraditionalExamples(t *testing.T) {
	n, err := textnorm.New(textnorm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for id, cases := range examples {
		for _, e := range append(append([]ex(nil), cases.fire...), cases.quiet...) {
			if e.lang != "zh-Hant" {
				continue
			}
			text := strings.Join(e.turns, "\n")
			orig, norm := []rune(text), []rune(n.Normalize(text).Norm)
			changed := false
			for i := range orig {
				if i < len(norm) && unicode.Is(unicode.Han, orig[i]) && orig[i] != norm[i] {
					changed = true
					break
				}
			}
			if !changed {
				t.Errorf("%s: zh-Hant example has no Traditional character: %s", id, e)
			}
		}
	}
}
